/*
 * The window's edges (page/edges.mjs) through init(), with a fake fetch that answers `lines` as the
 * server does: scrolling near an edge loads the lines beyond it, with the DOM bounded, and a drag
 * deep into a placeholder jumps to the line that stands there.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun, serve } from './support/fetch.mjs';
import { openOn as open, step as stepOn, linesAsked as askedOf } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

async function openOn(run, opts) {
  p = await open(run, opts);
  return p;
}

const step = (run) => stepOn(p, run);

const linesAsked = () => askedOf(p);

/** The log's line numbers, first and last, and how many line elements the DOM holds. */
function held() {
  const ls = p.lines();
  return { first: ls.length ? ls[0].n : null, last: ls.length ? ls[ls.length - 1].n : null, count: ls.length };
}

/** Makes an element report a box at [top, top + height] on screen. */
function place(el, top, height) {
  el.getBoundingClientRect = () => ({ top: top, bottom: top + height, height: height, left: 0, right: 0, width: 0 });
}

test('scrolling near the first line loads the lines above it, and the DOM stays bounded', async () => {
  const run = fakeRun(1000000);
  await openOn(run, { maxLines: 5000 });
  const top = p.$('hidden-lines');
  for (let i = 0; i < 3; i += 1) {
    place(top, -500, 400);
    p.page.window.check();
    await serve(p.fetch, run);
    p.frame();
  }
  assert.deepEqual(linesAsked().slice(1),
    ['lines?from=996001&to=998000', 'lines?from=994001&to=996000', 'lines?from=992001&to=994000']);
  const h = held();
  assert.equal(h.first, 992001);
  assert.ok(h.count <= 5000, h.count + ' line elements');
  assert.equal(p.doc.querySelectorAll('#log .line').length, h.count);
  assert.equal(top.textContent, 'lines 1\u2013992,000 not loaded \u2014 scroll up or press Home');
  assert.equal(p.$('later-lines').textContent,
    'lines ' + (h.last + 1).toLocaleString('en') + '\u20131,000,000 not loaded \u2014 scroll down or press End');
  // and down again: the lines below come back, and at the tail the window joins it
  const bottom = p.$('later-lines');
  for (let i = 0; i < 5 && !bottom.hidden; i += 1) {
    place(top, -10000, 400);
    place(bottom, 300, 400);
    p.page.window.check();
    await serve(p.fetch, run);
    p.frame();
  }
  assert.equal(bottom.hidden, true);
  assert.equal(held().last, 1000000);
  assert.ok(held().count <= 5000);
});

test('dragging the scroll bar deep into the not-loaded lines loads the line that stands there', async () => {
  const run = fakeRun(1000000);
  await openOn(run);
  place(p.$('hidden-lines'), -2000000 + 400, 4000000);
  p.page.window.check();
  p.frame();
  assert.equal(p.fetch.pending()[0].url, 'lines?from=498000&to=499999', 'line 499,000 stands in the middle of the screen');
  await step(run);
  assert.equal(p.layout.intoView[p.layout.intoView.length - 1].id, 'L499000');
  assert.equal(p.$('L499000').classList.contains('target'), false, 'shown, not marked');
});
