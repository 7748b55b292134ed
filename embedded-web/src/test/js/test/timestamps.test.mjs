/*
 * Times per line (page/toggles.mjs, log.mjs): t shows them, T (or "since start") switches them
 * between the clock and the time since the run started, for the lines loaded from `lines` as for
 * those streamed, and the choice is kept across visits.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun } from './support/fetch.mjs';
import { START } from './support/page.mjs';
import { openOn, step, key } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

const time = (n) => p.$('L' + n).querySelector('.ts').textContent;
const CLOCK = /^\d\d:\d\d:\d\d\.\d{3}$/;

test('t shows the clock time of each line; T switches to the time since the start, for streamed and loaded lines alike', async () => {
  const run = fakeRun(100000, { done: false }); // line n at START.time + n ms
  p = await openOn(run);
  p.source.lastId = run.lastId; // what follows is news to the page
  p.source.emit('start', START);
  p.frame();
  assert.equal(p.$('log').classList.contains('show-ts'), false);
  key(p, 't');
  assert.equal(p.$('log').classList.contains('show-ts'), true);
  assert.match(time(100000), CLOCK);
  key(p, 'T');
  assert.equal(p.$('opt-elapsed').checked, true);
  assert.equal(time(100000), '+0:01:40.000');
  p.line(100001, 'streamed');
  p.frame();
  assert.equal(time(100001), '+0:01:40.124', 'a streamed line (at START.time + 123 + n)');
  key(p, 'Home');
  await step(p, run);
  assert.equal(time(1), '+0:00:00.001', 'a line loaded by range');
  key(p, 'T');
  assert.match(time(1), CLOCK, 'back to the clock');
  assert.equal(p.win.localStorage.getItem('ssewatch.elapsed'), '0');
  assert.equal(p.win.localStorage.getItem('ssewatch.timestamps'), '1');
});

test('"since start" turns times on; without a known start the clock is shown', async () => {
  const run = fakeRun(100000);
  p = await openOn(run);
  p.$('opt-elapsed').click();
  assert.equal(p.$('opt-timestamps').checked, true);
  assert.equal(p.$('log').classList.contains('show-ts'), true);
  assert.match(time(100000), CLOCK, 'no start event yet');
});
