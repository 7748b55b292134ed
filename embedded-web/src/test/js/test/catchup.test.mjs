/*
 * Following a run that prints faster than the page makes rows (page/catchup.mjs): the rows made
 * are the newest, and what the log let go of is offered again from the server.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun, serve } from './support/fetch.mjs';
import { openOn as open, linesAsked as askedOf } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

const numbers = () => Array.from(p.doc.querySelectorAll('.line[data-line]')).map((el) => Number(el.getAttribute('data-line')));
const linesAsked = () => askedOf(p);

/** Lines from..to from the stream, in one frame, as a flood brings them. */
function flood(run, from, to) {
  for (let n = from; n <= to; n += 1) {
    p.line(n, 'line ' + n);
  }
  run.total = to;
  run.lastId = p.source.lastId;
  p.frame();
}

/** A live run of 30,000 lines opened tail first: following, streamed after id 30,002. */
async function openLive() {
  const run = fakeRun(30000, { done: false, lastId: 30002 });
  p = await open(run);
  p.source.lastId = 30002;
  return run;
}

test('following a flood: the rows made are the newest, the lines before offered from the server', async () => {
  const run = await openLive();
  assert.equal(p.$('opt-follow').checked, true);
  flood(run, 30001, 35000);
  const shown = numbers();
  assert.equal(shown[shown.length - 1], 35000, 'the tail is shown');
  assert.equal(shown.length, 200, 'three screens of rows and no more');
  assert.equal(shown[0], 34801);
  assert.match(p.$('hidden-lines').textContent, /^lines 1\u201334,800 not loaded \u2014 scroll up/);
  assert.deepEqual(linesAsked(), ['lines?tail=2000'], 'letting go asks the server for nothing');
  // scrolled up to the placeholder, the reader gets the lines just before
  const top = p.$('hidden-lines');
  top.getBoundingClientRect = () => ({ top: -500, bottom: -100, height: 400, left: 0, right: 0, width: 0 });
  p.page.window.check();
  assert.deepEqual(linesAsked().slice(1), ['lines?from=32801&to=34800']);
  await serve(p.fetch, run);
  p.frame();
  assert.equal(numbers()[0], 32801);
  assert.equal(new Set(numbers()).size, numbers().length, 'no line twice');
});

test('a reader away from the tail keeps every line of a flood', async () => {
  const run = await openLive();
  p.layout.scrollTo(p.layout.height() - 800);
  p.layout.scrollTo(1000);
  assert.equal(p.$('opt-follow').checked, false);
  flood(run, 30001, 35000);
  const shown = numbers();
  assert.equal(shown[0], 28001, 'nothing let go above the reader');
  assert.equal(shown[shown.length - 1], 35000);
  assert.equal(shown.length, 7000);
});

test('a short run streamed whole as the page opens is shown whole, however fast it came', async () => {
  const run = fakeRun(0, { done: false, lastId: 15002 });
  run.total = 15000;
  p = await open(run);
  assert.deepEqual(p.connected, [0], 'under the cap: streamed from the start');
  flood(run, 1, 15000);
  const shown = numbers();
  assert.deepEqual([shown[0], shown[shown.length - 1], shown.length], [1, 15000, 15000]);
  assert.equal(p.$('hidden-lines').hidden, true);
});

test('a few lines more than a frame makes are not let go of', async () => {
  const run = await openLive();
  flood(run, 30001, 33000);
  const shown = numbers();
  assert.deepEqual([shown[0], shown[shown.length - 1]], [28001, 33000]);
});
