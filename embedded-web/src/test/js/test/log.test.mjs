/* The log model through init(): lines, partial lines, split lines, gaps, the cap and the gutter. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, START } from './support/page.mjs';

let p;
afterEach(() => p && p.close());

test('lines are shown in order, as text, with their number, stream and permalink', () => {
  p = openPage();
  p.source.emit('start', START);
  p.line(1, 'compiling <b>foo.c</b>');
  p.line(2, 'warning: x', { stream: 'stderr' });
  assert.equal(p.lines().length, 0, 'nothing before the frame');
  p.frame();
  assert.deepEqual(p.lines(), [
    { n: 1, stream: 'stdout', text: 'compiling <b>foo.c</b>', partial: false },
    { n: 2, stream: 'stderr', text: 'warning: x', partial: false }]);
  const l1 = p.$('L1');
  assert.equal(l1.className, 'line stdout');
  assert.equal(l1.querySelector('a.ln').getAttribute('href'), '#L1');
  assert.equal(l1.querySelector('a.ln').getAttribute('aria-label'), 'line 1');
  assert.equal(p.doc.querySelectorAll('#log b').length, 0, 'no element made from the output');
  assert.equal(p.$('log').getAttribute('data-lines'), '2');
  assert.equal(p.$('empty').hidden, true);
  assert.equal(p.$('counts').textContent, '1 out \u00B7 1 err');
  assert.equal(p.$('counts').getAttribute('data-stderr'), '1');
});

test('a later event of the same line replaces it, in place', () => {
  p = openPage();
  p.line(1, 'progress 10%', { partial: true });
  p.frame();
  const el = p.$('L1');
  assert.deepEqual(p.lines(), [{ n: 1, stream: 'stdout', text: 'progress 10%', partial: true }]);
  assert.ok(el.classList.contains('partial'));
  p.line(1, 'progress 100%');
  p.frame();
  assert.deepEqual(p.lines(), [{ n: 1, stream: 'stdout', text: 'progress 100%', partial: false }]);
  assert.equal(p.$('L1'), el, 'the same element');
  assert.ok(!el.classList.contains('partial'));
  assert.equal(p.$('counts').getAttribute('data-stdout'), '1', 'still one line');
});

test('a continuation piece of a long line is a row of its own with an arrow for a number', () => {
  p = openPage();
  p.line(1, 'x'.repeat(10));
  p.line(2, 'yy', { cont: true });
  p.frame();
  assert.equal(p.$('L2').querySelector('.ln').textContent, '\u21AA');
  assert.equal(p.$('L1').querySelector('.ln').textContent, '1');
});

test('a gap says how many events are missing and where', () => {
  p = openPage();
  p.line(1, 'a');
  p.source.emit('gap', { from: 3, to: 902 });
  p.line(903, 'b');
  p.frame();
  const gap = p.doc.querySelector('#log .gap');
  assert.equal(gap.getAttribute('role'), 'note');
  assert.equal(gap.getAttribute('data-gap-from'), '3');
  assert.equal(gap.textContent, '\u2026 900 events no longer retained by the server (ids 3\u2013902); log.txt has the lines \u2026');
  assert.deepEqual(Array.from(p.doc.querySelectorAll('#log .line')).map((e) => e.id || 'gap'), ['L1', 'gap', 'L903']);
});

test('lines go into blocks of 200', () => {
  p = openPage();
  for (let n = 1; n <= 401; n += 1) {
    p.line(n, 'line ' + n);
  }
  p.frame();
  assert.deepEqual(Array.from(p.doc.querySelectorAll('#log > .chunk')).map((c) => c.childNodes.length), [200, 200, 1]);
});

test('past the cap the oldest lines are dropped, and a notice links to log.txt', () => {
  p = openPage({ maxLines: 100 });
  for (let n = 1; n <= 250; n += 1) {
    p.line(n, 'line ' + n);
  }
  p.frame();
  const shown = p.lines();
  assert.equal(shown.length, 100);
  assert.equal(shown[0].n, 151);
  assert.equal(p.$('L150'), null);
  const hidden = p.$('hidden-lines');
  assert.equal(hidden.hidden, false);
  assert.equal(hidden.textContent, '150 earlier lines hidden: this page keeps the last 100. Download log.txt for the whole output.');
  assert.equal(hidden.querySelector('a').getAttribute('href'), 'log.txt');
  assert.equal(hidden.getAttribute('data-hidden'), '150');
  assert.equal(p.$('counts').getAttribute('data-stdout'), '250', 'the count is of the whole run');
  // a late version of a dropped line does not come back
  p.line(10, 'late');
  p.frame();
  assert.equal(p.$('L10'), null);
  assert.equal(p.lines().length, 100);
});

test('lines dropped by the cap before their frame are never rendered', () => {
  p = openPage({ maxLines: 100 });
  let made = 0;
  const create = p.doc.createElement.bind(p.doc);
  p.doc.createElement = (name) => {
    if (name === 'div') {
      made += 1;
    }
    return create(name);
  };
  for (let n = 1; n <= 1000; n += 1) {
    p.line(n, 'line ' + n);
  }
  p.frame();
  assert.equal(p.lines()[0].n, 901);
  assert.ok(made <= 101, made + ' divs for 100 lines and their block');
});

test('the gutter widens with the highest line number', () => {
  p = openPage();
  p.line(1, 'a');
  p.frame();
  assert.equal(p.$('log').style.getPropertyValue('--ln-digits'), '5');
  p.line(1234567, 'b');
  p.frame();
  assert.equal(p.$('log').style.getPropertyValue('--ln-digits'), '7');
});

test('"Waiting for output" until a line arrives; "No output." for a run that ended without any', () => {
  p = openPage();
  p.frame();
  assert.equal(p.$('empty').hidden, false);
  assert.equal(p.$('empty').textContent, 'Waiting for output\u2026');
  p.source.emit('exit', { code: 0, status: 0, reason: 'exited', duration: 5 });
  p.frame();
  assert.equal(p.$('empty').textContent, 'No output.');
});
