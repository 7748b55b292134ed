/*
 * s and S (page/stderr.mjs): the next and the first stderr line of the whole run, asked of the
 * server's `search?stream=stderr`, loaded and shown wherever they are; said so when there is none.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun } from './support/fetch.mjs';
import { openOn, step, key } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

const target = (n) => !!p.$('L' + n) && p.$('L' + n).classList.contains('target');

test('S goes to the first stderr line of the run, s to the next ones, across stretches not loaded', async () => {
  const run = fakeRun(1000000, { stderr: [12, 500000, 999999] });
  p = await openOn(run);
  key(p, 'S');
  const asked = p.fetch.requests.filter((r) => r.url.startsWith('search?'));
  assert.equal(asked[0].query.get('stream'), 'stderr');
  assert.equal(asked[0].query.get('from'), '1');
  assert.equal(asked[0].query.has('q'), false);
  for (let i = 0; i < 30 && !target(12); i += 1) {
    await step(p, run); // following `continue`, then loading line 12
  }
  assert.ok(target(12), 'line 12, the first, loaded and marked');
  key(p, 's');
  for (let i = 0; i < 30 && !target(500000); i += 1) {
    await step(p, run);
  }
  assert.ok(target(500000));
  key(p, 's');
  for (let i = 0; i < 30 && !target(999999); i += 1) {
    await step(p, run);
  }
  assert.ok(target(999999));
  key(p, 's');
  for (let i = 0; i < 30; i += 1) {
    await step(p, run);
  }
  assert.equal(p.$('notice').textContent, 'No stderr line after line 999,999.');
});

test('s from the tail of a run with no stderr line says so', async () => {
  const run = fakeRun(100000);
  p = await openOn(run);
  key(p, 's');
  for (let i = 0; i < 10; i += 1) {
    await step(p, run);
  }
  assert.match(p.$('notice').textContent, /^No stderr line after line 9\d,\d{3}\.$/);
});
