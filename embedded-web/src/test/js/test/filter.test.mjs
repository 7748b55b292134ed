/* The filter box: marks, counts, case, special characters, and what it leaves alone. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './support/page.mjs';

let p;
afterEach(() => p && p.close());

function type(p, text) {
  const f = p.$('filter');
  f.value = text;
  f.dispatchEvent(new p.win.Event('input'));
  p.clock.tick(120);
}

function marks(p, n) {
  return Array.from(p.$('L' + n).querySelectorAll('mark')).map((m) => m.textContent);
}

function withLines(p) {
  p.line(1, 'Error: disk full');
  p.line(2, 'all good');
  p.line(3, '\x1b[31merr\x1b[0mor and ERROR');
  p.line(4, 'a.b*c (x)');
  p.frame();
}

test('typing filters after a pause: matches are marked and counted, the others hidden', () => {
  p = openPage();
  withLines(p);
  const f = p.$('filter');
  f.value = 'error';
  f.dispatchEvent(new p.win.Event('input'));
  p.clock.tick(119);
  assert.equal(p.$('match-count').textContent, '', 'not before 120 ms');
  p.clock.tick(1);
  assert.equal(p.$('match-count').textContent, '2 lines match');
  assert.equal(p.$('match-count').getAttribute('data-matches'), '2');
  assert.ok(p.$('log').classList.contains('filtering'));
  assert.deepEqual(marks(p, 1), ['Error']);
  assert.deepEqual(marks(p, 3), ['err', 'or', 'ERROR'], 'across the colour change, any case');
  assert.ok(p.$('L2').classList.contains('nomatch'));
  assert.ok(p.$('L1').classList.contains('match'));
  assert.equal(p.$('L3').querySelector('.text').textContent, 'error and ERROR');
  assert.equal(p.$('L3').querySelector('span.fg1').textContent, 'err', 'the colour is kept around the marks');
  assert.deepEqual(Array.from(p.$('L3').querySelector('span.fg1').childNodes).map((c) => c.nodeName), ['MARK']);
});

test('one match says "1 line matches"; the text is literal, not a regular expression', () => {
  p = openPage();
  withLines(p);
  type(p, 'b*c (');
  assert.equal(p.$('match-count').textContent, '1 line matches');
  assert.deepEqual(marks(p, 4), ['b*c (']);
});

test('Escape clears the filter: no marks, nothing hidden', () => {
  p = openPage();
  withLines(p);
  type(p, 'good');
  assert.deepEqual(marks(p, 2), ['good']);
  const f = p.$('filter');
  f.dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'Escape' }));
  assert.equal(f.value, '');
  assert.equal(p.doc.querySelectorAll('#log mark, #log .match').length, 0);
  assert.equal(p.$('match-count').textContent, '');
  assert.ok(!p.$('log').classList.contains('filtering'), 'lines marked nomatch are hidden only while filtering (style.css)');
});

test('lines arriving while filtering are filtered too, and the count follows', () => {
  p = openPage();
  withLines(p);
  type(p, 'disk');
  p.line(5, 'disk ok');
  p.line(6, 'nothing');
  p.frame();
  assert.deepEqual(marks(p, 5), ['disk']);
  assert.ok(p.$('L6').classList.contains('nomatch'));
  assert.equal(p.$('match-count').textContent, '2 lines match');
  // a line that stops matching when it is replaced
  p.line(5, 'fine now');
  p.frame();
  assert.equal(p.$('match-count').textContent, '1 line matches');
});

test('a new filter re-renders only the lines that match it or matched the last one', () => {
  p = openPage();
  withLines(p);
  const untouched = p.$('L2').querySelector('.text').firstChild;
  type(p, 'disk');
  type(p, 'ERROR');
  assert.equal(p.$('L2').querySelector('.text').firstChild, untouched, 'line 2 never matched: its text node is the same');
});

test('lines dropped by the cap leave the match count', () => {
  p = openPage({ maxLines: 100 });
  type(p, 'hit');
  for (let n = 1; n <= 150; n += 1) {
    p.line(n, n % 2 ? 'hit ' + n : 'miss');
  }
  p.frame();
  assert.equal(p.$('match-count').textContent, '50 lines match');
});
