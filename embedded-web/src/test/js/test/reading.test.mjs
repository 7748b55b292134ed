/*
 * Holding the tail while the reader is elsewhere (page/reading.mjs): once the log is full, a reader
 * who left the tail of a live run gets no new rows below nor loses rows above; the later-lines
 * placeholder counts the lines held, and the bottom, End or the follow box lays them out.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun, serve } from './support/fetch.mjs';
import { openOn as open, key as keyOn, linesAsked as askedOf } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

/** A live run of 150 lines in a log that holds 100: full, following the tail, streamed after id 152. */
async function openFull() {
  const run = fakeRun(150, { done: false, lastId: 152 });
  p = await open(run, { maxLines: 100 });
  p.source.lastId = 152;
  return run;
}

const numbers = () => p.lines().map((l) => l.n);
const linesAsked = () => askedOf(p);

/** The reader scrolls up from the bottom (and so leaves follow). */
function readAbove() {
  p.layout.scrollTo(p.layout.height() - 800);
  p.layout.scrollTo(0);
}

/** Lines from..to from the stream, run.total with them. */
function arrive(run, from, to) {
  for (let n = from; n <= to; n += 1) {
    p.line(n, 'line ' + n);
  }
  run.total = to;
  run.lastId = p.source.lastId;
  p.frame();
}

test('while the reader is away from the tail of a full log, new lines are held: no row below, none dropped above', async () => {
  const run = await openFull();
  arrive(run, 151, 151);
  assert.deepEqual([numbers()[0], numbers()[99]], [52, 151], 'following: the new line is laid out, the oldest dropped');
  readAbove();
  assert.equal(p.$('opt-follow').checked, false);
  arrive(run, 152, 154);
  assert.deepEqual([numbers()[0], numbers()[99], numbers().length], [52, 151, 100], 'no row made below, none dropped above');
  const later = p.$('later-lines');
  assert.equal(later.hidden, false);
  assert.equal(later.textContent, 'lines 152\u2013154 not loaded \u2014 scroll down or press End (3 new)');
  assert.equal(later.style.height, '19.5px', 'one row: the bottom stays where the reader can reach it');
  assert.equal(p.$('new-lines').textContent, '3 new lines \u2193');
  // back at the bottom: the lines held are laid out, without asking the server
  p.layout.scrollTo(1e9);
  p.frame();
  assert.equal(p.$('opt-follow').checked, true);
  assert.deepEqual(numbers().slice(-4), [151, 152, 153, 154]);
  assert.equal(new Set(numbers()).size, numbers().length, 'no line twice');
  assert.equal(later.hidden, true);
  assert.deepEqual(linesAsked(), ['lines?tail=2000']);
  arrive(run, 155, 155);
  assert.equal(numbers()[99], 155, 'following again');
});

test('End and the follow box lay out the lines held', async () => {
  const run = await openFull();
  readAbove();
  arrive(run, 151, 152);
  assert.equal(p.$('L151'), null);
  keyOn(p, 'End');
  p.frame();
  assert.deepEqual(numbers().slice(-2), [151, 152]);
  assert.equal(p.$('opt-follow').checked, true);
  p.$('opt-follow').checked = false;
  p.$('opt-follow').dispatchEvent(new p.win.Event('change'));
  arrive(run, 153, 153);
  assert.equal(p.$('L153'), null, 'the follow box off: held');
  p.$('opt-follow').checked = true;
  p.$('opt-follow').dispatchEvent(new p.win.Event('change'));
  p.frame();
  assert.deepEqual(numbers().slice(-3), [151, 152, 153]);
  assert.equal(new Set(numbers()).size, numbers().length);
  assert.deepEqual(linesAsked(), ['lines?tail=2000']);
});

test('more than a tail held: End loads the tail, each line once, the rest loadable above', async () => {
  const run = await openFull();
  readAbove();
  arrive(run, 151, 2300);
  assert.equal(p.$('L151'), null);
  assert.match(p.$('later-lines').textContent, /\(2,150 new\)$/);
  keyOn(p, 'End');
  assert.deepEqual(linesAsked(), ['lines?tail=2000', 'lines?tail=2000']);
  await serve(p.fetch, run);
  p.frame();
  assert.equal(numbers()[numbers().length - 1], 2300);
  assert.equal(new Set(numbers()).size, numbers().length, 'no line twice');
  assert.equal(p.$('later-lines').hidden, true);
  assert.match(p.$('hidden-lines').textContent, /^lines 1\u20132,200 not loaded/);
  arrive(run, 2301, 2301);
  assert.equal(numbers()[numbers().length - 1], 2301, 'following the stream again, after what the tail answered');
});

test('a group start while lines are held puts them in first, then the group', async () => {
  const run = await openFull();
  readAbove();
  arrive(run, 151, 152);
  assert.equal(p.$('L151'), null);
  p.group('start', 'Build', 153, { collapsed: false });
  p.line(153, 'in the group');
  p.frame();
  assert.equal(p.$('L152') !== null, true, 'the group ended the hold: the lines before it are laid out');
  assert.equal(p.$('L153'), null, 'the reader is still away: held again');
  p.layout.scrollTo(1e9);
  p.frame();
  assert.deepEqual(numbers().slice(-3), [151, 152, 153]);
  assert.ok(p.$('L153').closest('section'), 'line 153 is in the group');
  assert.equal(p.$('L152').closest('section'), null, 'line 152 is not');
});

test('a log under its cap holds nothing: new lines go on below the reader as before', async () => {
  const run = fakeRun(50, { done: false, lastId: 50 });
  p = await open(run, { maxLines: 100 });
  assert.deepEqual(p.connected, [0], 'a short run is streamed whole');
  arrive(run, 1, 60);
  readAbove();
  assert.equal(p.$('opt-follow').checked, false);
  arrive(run, 61, 62);
  assert.deepEqual(numbers().slice(-2), [61, 62]);
  assert.equal(p.$('later-lines').hidden, true);
  assert.equal(p.$('new-lines').textContent, '2 new lines \u2193');
});
