/*
 * Ranges of lines (page/range.mjs) through init(): shift-click on a line number makes the
 * permalink a range from the line last linked, and `c` copies the range as plain text, read from
 * the server, so that lines not loaded are copied too.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun, serve, settle } from './support/fetch.mjs';
import { openOn, step, key } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

function clickNumber(n, shift) {
  p.$('L' + n).querySelector('a.ln').dispatchEvent(new p.win.MouseEvent('click', { bubbles: true, cancelable: true, shiftKey: !!shift }));
}

test('shift-click on a line number makes the permalink a range from the line last linked', async () => {
  const run = fakeRun(1000000);
  p = await openOn(run, { hash: '#L999990' });
  await step(p, run);
  clickNumber(999995, true);
  assert.equal(p.win.location.hash, '#L999990-L999995');
  await settle();
  p.frame();
  const marked = Array.from(p.doc.querySelectorAll('#log .line.target')).map((e) => Number(e.getAttribute('data-line')));
  assert.deepEqual(marked, [999990, 999991, 999992, 999993, 999994, 999995]);
  clickNumber(999980, true);
  assert.equal(p.win.location.hash, '#L999980-L999990', 'either way round, from the line last linked');
});

test('c copies the permalinked range as plain text, lines not loaded included', async () => {
  const copied = [];
  const run = fakeRun(1000000);
  p = await openOn(run, {
    hash: '#L1999-L2001',
    before: (win) => {
      Object.defineProperty(win.navigator, 'clipboard', { value: { writeText: (t) => { copied.push(t); return Promise.resolve(); } }, configurable: true });
    }
  });
  await step(p, run);
  key(p, 'c');
  assert.equal(p.fetch.pending()[0].url, 'lines?from=1999&to=2001');
  await serve(p.fetch, run);
  await settle();
  assert.deepEqual(copied, ['line 1999\nline 2000\nline 2001\n']);
  assert.equal(p.$('notice').textContent, 'Copied lines 1,999\u20132,001 (3 lines).');
});

test('c without a permalinked range says what to do', async () => {
  const run = fakeRun(1000000);
  p = await openOn(run);
  key(p, 'c');
  assert.equal(p.$('notice').textContent, 'Click a line number, then shift-click another, to pick lines to copy.');
});
