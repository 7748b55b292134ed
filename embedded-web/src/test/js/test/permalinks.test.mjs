/* Following the tail, the "new lines" button, and permalinks (#L123). */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, exitPayload } from './support/page.mjs';

let p;
afterEach(() => p && p.close());

function lines(p, from, to) {
  for (let n = from; n <= to; n += 1) {
    p.line(n, 'line ' + n);
  }
  p.frame();
}

test('the page follows the tail while the reader is at the bottom', () => {
  p = openPage();
  lines(p, 1, 100);
  assert.equal(p.win.scrollY, p.layout.height() - 800, 'at the bottom');
  lines(p, 101, 120);
  assert.equal(p.win.scrollY, p.layout.height() - 800, 'still at the bottom');
  assert.equal(p.$('opt-follow').checked, true);
});

test('scrolling up leaves follow mode; new lines are counted on a button that goes back down', () => {
  p = openPage();
  lines(p, 1, 100);
  p.layout.scrollTo(p.win.scrollY - 300);
  assert.equal(p.$('opt-follow').checked, false);
  const y = p.win.scrollY;
  lines(p, 101, 103);
  assert.equal(p.win.scrollY, y, 'the reader stays where they are');
  const button = p.$('new-lines');
  assert.equal(button.hidden, false);
  assert.equal(button.textContent, '3 new lines \u2193');
  lines(p, 104, 104);
  assert.equal(button.textContent, '4 new lines \u2193');
  button.click();
  assert.equal(button.hidden, true);
  assert.equal(p.$('opt-follow').checked, true);
  assert.equal(p.win.scrollY, p.layout.height() - 800);
});

test('reaching the bottom again, or End, follows again; lines growing below do not leave it', () => {
  p = openPage();
  lines(p, 1, 100);
  p.layout.scrollTo(0);
  assert.equal(p.$('opt-follow').checked, false);
  p.layout.scrollTo(p.layout.height());
  assert.equal(p.$('opt-follow').checked, true);
  p.layout.scrollTo(0);
  p.doc.body.dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'End', bubbles: true }));
  assert.equal(p.$('opt-follow').checked, true);
  assert.equal(p.win.scrollY, p.layout.height() - 800);
  // the bottom moved away (a line grew) but the reader did not scroll up
  const y = p.win.scrollY;
  p.layout.scrollTo(y + 1);
  assert.equal(p.$('opt-follow').checked, true);
});

test('after the run ended, lines still arriving are a replay: no "new lines" button', () => {
  p = openPage();
  lines(p, 1, 100);
  p.layout.scrollTo(0);
  lines(p, 101, 101);
  assert.equal(p.$('new-lines').hidden, false);
  p.source.emit('exit', exitPayload());
  p.frame();
  assert.equal(p.$('new-lines').hidden, true);
  lines(p, 102, 110);
  assert.equal(p.$('new-lines').hidden, true);
});

test('a permalink opened with the page waits for its line, then holds it in view, marked', () => {
  p = openPage({ hash: '#L150' });
  assert.equal(p.$('opt-follow').checked, false);
  lines(p, 1, 100);
  assert.deepEqual(p.layout.intoView, []);
  assert.equal(p.win.scrollY, 0, 'not following meanwhile');
  lines(p, 101, 200);
  assert.deepEqual(p.layout.intoView, [{ id: 'L150', options: { block: 'center' } }]);
  assert.ok(p.$('L150').classList.contains('target'));
  assert.equal(p.doc.querySelectorAll('.line.target').length, 1);
  lines(p, 201, 300);
  assert.equal(p.$('opt-follow').checked, false, 'more lines do not take the reader away');
  assert.equal(p.layout.intoView.length, 1);
});

test('following a permalink on the page moves the mark, and clears a filter that hides the line', () => {
  p = openPage();
  lines(p, 1, 50);
  const f = p.$('filter');
  f.value = 'line 4';
  f.dispatchEvent(new p.win.Event('input'));
  p.clock.tick(120);
  assert.ok(p.$('L7').classList.contains('nomatch'));
  p.win.location.hash = '#L7';
  p.win.dispatchEvent(new p.win.HashChangeEvent('hashchange'));
  p.frame();
  assert.equal(f.value, '');
  assert.ok(!p.$('log').classList.contains('filtering'));
  assert.equal(p.$('match-count').textContent, '');
  assert.deepEqual(p.layout.intoView.map((v) => v.id), ['L7']);
  p.win.location.hash = '#L9';
  p.win.dispatchEvent(new p.win.HashChangeEvent('hashchange'));
  p.frame();
  assert.deepEqual(Array.from(p.doc.querySelectorAll('.line.target')).map((e) => e.id), ['L9']);
});

test('a permalinked line the cap dropped, or that never came, is explained, and following works again', () => {
  p = openPage({ hash: '#L5', maxLines: 100 });
  lines(p, 1, 200);
  assert.equal(p.$('notice').textContent, 'Line 5 is no longer shown here; it is in log.txt.');
  assert.equal(p.$('notice').getAttribute('data-kind'), 'info');
  p.clock.tick(8000);
  assert.equal(p.$('notice').hidden, true, 'for 8 seconds');
  p.close();

  p = openPage({ hash: '#L500' });
  lines(p, 1, 10);
  assert.equal(p.$('notice').hidden, true, 'it may still come');
  p.source.emit('exit', exitPayload());
  p.frame();
  assert.equal(p.$('notice').textContent, 'Line 500 is not in this log.');
  p.layout.scrollTo(p.layout.height());
  assert.equal(p.$('opt-follow').checked, true);
});

test('unticking follow stops following; ticking it goes to the bottom', () => {
  p = openPage();
  lines(p, 1, 100);
  const box = p.$('opt-follow');
  box.click();
  assert.equal(box.checked, false);
  p.layout.scrollTo(100);
  lines(p, 101, 110);
  assert.equal(p.win.scrollY, 100);
  box.click();
  assert.equal(p.win.scrollY, p.layout.height() - 800);
});
