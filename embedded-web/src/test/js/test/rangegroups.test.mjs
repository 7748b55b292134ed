/*
 * Groups over lines loaded by range (page/layout.mjs): tail first, at a jump, and as earlier and
 * later lines are loaded, a group holds its lines and folds as it does for lines streamed.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun, serve } from './support/fetch.mjs';
import { openOn, step, key } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

const T = 1732380000000;

function group(id, name, at, end) {
  const start = { id: id, type: 'group', data: { action: 'start', name: name, title: name, at: at, collapsed: true, time: T + at } };
  return end ? [start, { id: id + 1, type: 'group', data: { action: 'end', name: name, at: end, time: T + end } }] : [start];
}

/** 100,000 lines: "early" holds 10-19, "outer" 97,000-99,499 with "inner" 98,100-98,199 in it. */
function groupedRun() {
  return fakeRun(100000, { marks: [].concat(group(20, 'early', 10, 20), group(97010, 'outer', 97000), group(98110, 'inner', 98100, 98200),
    [{ id: 99510, type: 'group', data: { action: 'end', name: 'outer', at: 99500, time: T + 99500 } }]) });
}

const sectionOf = (n) => {
  const s = p.$('L' + n).closest('section.group');
  return s ? s.getAttribute('data-group') : null;
};

test('tail first, the lines loaded by range are in the groups from before the window, nested and folded', async () => {
  p = await openOn(groupedRun());
  assert.equal(sectionOf(98500), 'outer');
  assert.equal(sectionOf(98150), 'inner');
  assert.equal(p.$('L98150').closest('section.group').parentNode.closest('section.group').getAttribute('data-group'), 'outer');
  assert.equal(sectionOf(99500), null, 'the line after the end is outside');
  const outer = p.doc.querySelector('#log section.group[data-group="outer"]');
  assert.ok(outer.classList.contains('collapsed') && outer.classList.contains('ended'));
  assert.match(outer.querySelector('.group-meta').textContent, /^2,500 lines /);
});

test('Home loads line 1 with its groups', async () => {
  const run = groupedRun();
  p = await openOn(run);
  key(p, 'Home');
  await step(p, run);
  await step(p, run);
  assert.equal(sectionOf(9), null);
  assert.equal(sectionOf(10), 'early');
  assert.equal(sectionOf(19), 'early');
  assert.equal(sectionOf(20), null);
  assert.ok(p.doc.querySelector('section.group[data-group="early"]').classList.contains('collapsed'));
});

test('lines loaded above the window go into the same section as the lines of their group below', async () => {
  const run = groupedRun();
  p = await openOn(run);
  const outer = p.doc.querySelector('#log section.group[data-group="outer"]');
  p.$('hidden-lines').getBoundingClientRect = () => ({ top: -900, bottom: -100, height: 800, left: 0, right: 0, width: 0 });
  p.page.window.check();
  await serve(p.fetch, run);
  p.frame();
  assert.ok(p.$('L97500'), 'the lines above are loaded');
  assert.equal(p.$('L97000').closest('section.group'), p.$('L98500').closest('section.group'), 'one section for the group');
  assert.equal(sectionOf(96999), null);
  assert.equal(p.$('L98500').id, 'L98500', 'the lines held kept their elements');
  assert.ok(outer !== null);
});

test('a group the reader unfolded stays unfolded when its lines are laid out again', async () => {
  const run = groupedRun();
  p = await openOn(run);
  p.doc.querySelector('section.group[data-group="outer"] .group-head').dispatchEvent(new p.win.MouseEvent('click', { bubbles: true }));
  assert.ok(!p.doc.querySelector('section.group[data-group="outer"]').classList.contains('collapsed'));
  p.$('hidden-lines').getBoundingClientRect = () => ({ top: -900, bottom: -100, height: 800, left: 0, right: 0, width: 0 });
  p.page.window.check();
  await serve(p.fetch, run);
  p.frame();
  assert.ok(!p.doc.querySelector('section.group[data-group="outer"]').classList.contains('collapsed'));
});

test('a group that ends after the lines held by a jump says its whole count', async () => {
  const run = groupedRun();
  p = await openOn(run, { hash: '#L97500' });
  await step(p, run);
  await step(p, run);
  assert.equal(sectionOf(97500), 'outer');
  assert.match(p.doc.querySelector('section.group[data-group="outer"] .group-meta').textContent, /^2,500 lines/);
});
