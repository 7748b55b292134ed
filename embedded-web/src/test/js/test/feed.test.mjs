/*
 * The feed (page/feed.mjs) through init(): events are applied over as many frames as their budget
 * needs, and without frames (a hidden tab) by a timer.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './support/page.mjs';

let p;
afterEach(() => p && p.close());

test('a flood is applied over several frames, a budget at a time, and all of it arrives', () => {
  p = openPage({ maxLines: 200000 });
  // each performance.now() call costs 1 ms here: the budget runs out after a few hundred events
  let t = 0;
  p.win.performance.now = () => (t += 1);
  for (let n = 1; n <= 1000; n += 1) {
    p.line(n, 'line ' + n);
  }
  p.frame();
  const first = p.lines().length;
  assert.ok(first > 0 && first < 1000, first + ' lines after one frame');
  for (let i = 0; i < 20 && p.lines().length < 1000; i += 1) {
    p.frame();
  }
  assert.equal(p.lines().length, 1000);
  assert.equal(p.lines()[999].n, 1000);
});

test('a hidden tab, where no frame comes, still applies the events within half a second', () => {
  p = openPage();
  p.win.requestAnimationFrame = () => 0;
  p.line(1, 'a');
  p.clock.tick(499);
  assert.equal(p.lines().length, 0);
  p.clock.tick(1);
  assert.equal(p.lines().length, 1);
});
