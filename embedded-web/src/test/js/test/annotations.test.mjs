/* Annotations (CI markup): rows in the log, counts in the header, the panel, jumps and the e / E keys. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './support/page.mjs';

let p;
afterEach(() => p && p.close());

function annotate(level, message, at, extra) {
  p.source.emit('annotation', Object.assign({ level: level, message: message, at: at, time: 1732380000000 + at }, extra));
}

function key(k, target) {
  (target || p.doc.body).dispatchEvent(new p.win.KeyboardEvent('keydown', { key: k, bubbles: true }));
}

function panel() {
  return Array.from(p.doc.querySelectorAll('#annotations .annotation-item')).map((b) =>
    [b.getAttribute('data-level'), b.querySelector('.annotation-where').textContent,
      b.querySelector('.annotation-message').textContent]);
}

test('an annotation is a row in the log where it was printed, made of text only', () => {
  p = openPage();
  p.line(1, 'compiling');
  annotate('error', "'<b>fetchh</b>' is not defined.", 2, { file: 'src/index.js', line: 12, col: 5, title: 'no-undef' });
  p.line(2, 'next');
  p.frame();
  const row = p.$('A1');
  assert.equal(row.getAttribute('data-level'), 'error');
  assert.equal(row.previousSibling, p.$('L1'));
  assert.equal(row.nextSibling, p.$('L2'), 'before the line that came after it');
  assert.equal(row.querySelector('.annotation-where').textContent, 'src/index.js:12:5');
  assert.equal(row.querySelector('.annotation-title').textContent, 'no-undef');
  assert.equal(row.querySelector('.text').textContent, "errorsrc/index.js:12:5no-undef'<b>fetchh</b>' is not defined.");
  assert.equal(p.doc.querySelectorAll('#log b').length, 0);
  assert.equal(p.$('counts').getAttribute('data-stdout'), '2', 'not a line');
});

test('the header counts annotations by level, and shows nothing without any', () => {
  p = openPage();
  p.line(1, 'x');
  p.frame();
  assert.equal(p.$('annotation-counts').hidden, true);
  annotate('warning', 'w1', 1);
  annotate('error', 'e1', 1);
  annotate('warning', 'w2', 1);
  annotate('notice', 'n1', 1);
  p.frame();
  const counts = p.$('annotation-counts');
  assert.equal(counts.hidden, false);
  assert.equal(counts.getAttribute('data-errors'), '1');
  assert.equal(counts.getAttribute('data-warnings'), '2');
  assert.equal(counts.getAttribute('data-notices'), '1');
  assert.equal(counts.getAttribute('data-debugs'), '0');
  assert.deepEqual(Array.from(counts.querySelectorAll('.count')).map((c) => c.textContent),
    ['\u2716 1', '\u26A0 2', '\u2139 1'], 'errors first, no zero counts');
});

test('the panel lists them errors first, then warnings, notices and debug, each with file:line and message', () => {
  p = openPage();
  annotate('notice', 'n1', 1);
  annotate('warning', 'unused x', 1, { file: 'a.c', line: 3 });
  annotate('error', 'boom', 2, { file: 'b.c', line: 9, col: 2 });
  annotate('debug', 'd1', 2);
  annotate('error', 'bang', 3, { title: 'E42' });
  p.frame();
  assert.equal(p.$('annotations').hidden, true, 'closed until asked for');
  p.$('annotation-counts').click();
  assert.equal(p.$('annotations').hidden, false);
  assert.equal(p.$('annotation-counts').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(panel(), [
    ['error', 'b.c:9:2', 'boom'], ['error', 'line 3', 'E42: bang'], ['warning', 'a.c:3', 'unused x'],
    ['notice', 'line 1', 'n1'], ['debug', 'line 2', 'd1']]);
});

test('a click in the panel jumps to the annotation, unfolding its group, and leaves follow mode', () => {
  p = openPage();
  p.group('start', 'Lint', 1);
  p.line(1, 'eslint .');
  annotate('error', 'boom', 2, { file: 'b.c', line: 9 });
  p.line(2, 'done');
  p.group('end', 'Lint', 3);
  p.frame();
  const g = p.doc.querySelector('section.group');
  assert.ok(g.classList.contains('collapsed'));
  p.doc.querySelector('#annotations .annotation-item .annotation-message').click();
  assert.ok(!g.classList.contains('collapsed'), 'unfolded');
  assert.ok(p.$('A1').classList.contains('target'));
  assert.deepEqual(p.layout.intoView.slice(-1), [{ id: 'A1', options: { block: 'center' } }]);
  assert.equal(p.$('opt-follow').checked, false);
});

test('e and E go to the next and the previous error, round the ends, skipping other levels', () => {
  p = openPage();
  annotate('error', 'first', 1);
  annotate('warning', 'w', 1);
  annotate('error', 'second', 1);
  annotate('error', 'third', 1);
  p.line(1, 'x');
  p.frame();
  const seen = () => p.layout.intoView.slice(-1)[0].id;
  key('e');
  assert.equal(seen(), 'A1');
  key('e');
  assert.equal(seen(), 'A3', 'the warning is skipped');
  key('e');
  assert.equal(seen(), 'A4');
  key('e');
  assert.equal(seen(), 'A1', 'round the end');
  key('E');
  assert.equal(seen(), 'A4', 'back round the start');
  key('E');
  assert.equal(seen(), 'A3');
  assert.equal(p.doc.querySelectorAll('#log .target').length, 1, 'one row marked');
  key('e', p.$('filter'));
  assert.equal(seen(), 'A3', 'not while typing in the filter');
});

test('a click in the panel moves where e goes next', () => {
  p = openPage();
  annotate('error', 'first', 1);
  annotate('error', 'second', 1);
  annotate('error', 'third', 1);
  p.frame();
  p.doc.querySelectorAll('#annotations .annotation-item')[1].click();
  key('e');
  assert.equal(p.layout.intoView.slice(-1)[0].id, 'A3');
});

test('e without errors says so', () => {
  p = openPage();
  annotate('warning', 'w', 1);
  p.frame();
  key('e');
  assert.equal(p.$('notice').textContent, 'No errors.');
  assert.equal(p.layout.intoView.length, 0);
});

test('an annotation the cap dropped is still listed, and a jump to it says it is gone', () => {
  p = openPage({ maxLines: 100 });
  annotate('error', 'early', 1);
  for (let i = 1; i <= 150; i += 1) {
    p.line(i, 'l' + i);
  }
  p.frame();
  assert.equal(p.$('A1'), null);
  p.doc.querySelector('#annotations .annotation-item').click();
  assert.match(p.$('notice').textContent, /no longer shown here/);
});
