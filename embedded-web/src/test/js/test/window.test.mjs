/*
 * The window (page/window.mjs) through init(), with a fake source and a fake fetch that answers
 * `lines` as the server does: tail first, the placeholders, Home and End, permalinks to lines not
 * loaded, and lines held while the window is elsewhere (loading near the edges: edges.test.mjs).
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './support/page.mjs';
import { FakeFetch, fakeRun, serve, settle } from './support/fetch.mjs';
import { openOn as open, step as stepOn, key as keyOn, linesAsked as askedOf } from './support/window.mjs';
import { parseLineHash } from '../../../main/resources/org/ssewatch/web/assets/page/scroll.mjs';

let p;
afterEach(() => p && p.close());

async function openOn(run, opts) {
  p = await open(run, opts);
  return p;
}

const step = (run) => stepOn(p, run);
const key = (k) => keyOn(p, k);

const linesAsked = () => askedOf(p);

/** The log's line numbers, first and last, and how many line elements the DOM holds. */
function held() {
  const ls = p.lines();
  return { first: ls.length ? ls[0].n : null, last: ls.length ? ls[ls.length - 1].n : null, count: ls.length };
}

test('a long run opens at its tail: the last lines are shown and the stream resumes after them', async () => {
  const run = fakeRun(1000000);
  await openOn(run);
  assert.equal(p.fetch.requests[0].url, 'lines?tail=2000');
  assert.deepEqual(p.connected, [1000001], 'the stream starts with the exit event, the last of the answer');
  assert.deepEqual(held(), { first: 998001, last: 1000000, count: 2000 });
  const top = p.$('hidden-lines');
  assert.equal(top.hidden, false);
  assert.equal(top.textContent, 'lines 1\u2013998,000 not loaded \u2014 scroll up or press Home');
  assert.equal(top.style.height, '4000000px', 'as tall as the lines it stands for, within what a browser lays out');
  assert.equal(p.$('later-lines').hidden, true, 'the window reaches the tail');
});

test('tail first, new lines from the stream follow the window, and events it already answered are not repeated', async () => {
  const run = fakeRun(50000, { done: false, lastId: 50010 });
  await openOn(run);
  assert.deepEqual(p.connected, [50010], 'a running run: the stream resumes after the lastId of the answer');
  p.source.lastId = 50009;
  p.line(50000, 'line 50000, an older version');
  p.line(50001, 'new');
  p.frame();
  assert.equal(p.$('L50000').querySelector('.text').textContent, 'line 50000');
  assert.equal(p.$('L50001').querySelector('.text').textContent, 'new');
  assert.deepEqual(held(), { first: 48001, last: 50001, count: 2001 });
});

test('a run the log can hold whole is streamed from the start, as before', async () => {
  const run = fakeRun(300);
  await openOn(run);
  assert.deepEqual(p.connected, [0]);
  assert.equal(p.lines().length, 0, 'the lines come from the stream, with their groups and annotations');
  p.line(1, 'one');
  p.frame();
  assert.deepEqual(held(), { first: 1, last: 1, count: 1 });
  assert.equal(p.$('hidden-lines').hidden, true);
});

test('when the lines endpoint fails, the page streams the whole run', async () => {
  const fetch = new FakeFetch();
  p = openPage({ fetch: fetch.fn });
  await settle();
  fetch.pending()[0].fail();
  await settle();
  await settle();
  assert.deepEqual(p.connected, [0]);
});

test('Home loads line 1 and shows it; the lines after the window are then said to be not loaded', async () => {
  await openOn(fakeRun(1000000));
  key('Home');
  p.frame();
  assert.equal(p.fetch.pending()[0].url, 'lines?from=1&to=2000');
  await serve(p.fetch, fakeRun(1000000));
  p.frame();
  assert.deepEqual(held(), { first: 1, last: 2000, count: 2000 });
  assert.equal(p.layout.intoView[p.layout.intoView.length - 1].id, 'L1');
  assert.equal(p.$('hidden-lines').hidden, true);
  assert.equal(p.$('later-lines').textContent, 'lines 2,001\u20131,000,000 not loaded \u2014 scroll down or press End');
  assert.equal(p.$('opt-follow').checked, false);
});

test('lines that arrive while the window is away are held, and End brings the tail with them', async () => {
  const run = fakeRun(100000, { done: false, lastId: 100005 });
  await openOn(run);
  key('Home');
  await step(run);
  p.source.lastId = 100005;
  p.line(100001, 'new one');
  p.line(100002, 'new two');
  p.frame();
  assert.equal(p.$('L100001'), null, 'not shown below line 2,000');
  assert.match(p.$('later-lines').textContent, /^lines 2,001\u2013100,002 not loaded .* \(2 new\)$/);
  key('End');
  assert.equal(p.fetch.pending()[0].url, 'lines?tail=2000');
  await serve(p.fetch, run);
  p.frame();
  assert.deepEqual(held(), { first: 98001, last: 100002, count: 2002 });
  assert.equal(p.$('later-lines').hidden, true);
  assert.equal(p.$('opt-follow').checked, true);
});

test('a permalink to a line not loaded loads the lines around it and shows it', async () => {
  await openOn(fakeRun(1000000), { hash: '#L500000' });
  assert.deepEqual(linesAsked(), ['lines?tail=2000', 'lines?from=499000&to=500999']);
  assert.deepEqual(held(), { first: 499000, last: 500999, count: 2000 });
  assert.ok(p.$('L500000').classList.contains('target'));
  assert.equal(p.layout.intoView[p.layout.intoView.length - 1].id, 'L500000');
  assert.equal(p.$('hidden-lines').textContent, 'lines 1\u2013498,999 not loaded \u2014 scroll up or press Home');
  assert.equal(p.$('later-lines').textContent, 'lines 501,000\u20131,000,000 not loaded \u2014 scroll down or press End');
});

test('a range permalink marks every line of the range', async () => {
  await openOn(fakeRun(1000000), { hash: '#L120-L140' });
  const marked = Array.from(p.doc.querySelectorAll('#log .line.target')).map((e) => Number(e.getAttribute('data-line')));
  assert.equal(marked.length, 21);
  assert.equal(marked[0], 120);
  assert.equal(marked[20], 140);
});

test('permalink fragments: a line, a range either way round, and anything else is none', () => {
  assert.deepEqual(parseLineHash('#L123'), { from: 123, to: 123 });
  assert.deepEqual(parseLineHash('#L120-L140'), { from: 120, to: 140 });
  assert.deepEqual(parseLineHash('#L140-L120'), { from: 120, to: 140 });
  assert.deepEqual(parseLineHash('#L120-140'), { from: 120, to: 140 });
  assert.equal(parseLineHash('#L0'), null);
  assert.equal(parseLineHash('#L12x'), null);
  assert.equal(parseLineHash('#A1'), null);
  assert.equal(parseLineHash(''), null);
});

test('a permalink past the end of a finished run says the line is not in this log', async () => {
  await openOn(fakeRun(1000000), { hash: '#L2000000' });
  p.frame();
  assert.equal(p.$('notice').textContent, 'Line 2000000 is not in this log.');
});

test('a line lost in a gap is said so where it would be', async () => {
  const run = fakeRun(1000000, { gaps: [{ from: 10, to: 20 }] });
  await openOn(run);
  key('Home');
  await step(run);
  const gap = p.doc.querySelector('#log .line.gap');
  assert.equal(gap.textContent, '\u2026 lines 10\u201320 no longer retained by the server \u2026');
  assert.equal(gap.previousSibling.getAttribute('data-line'), '9');
});

test('an annotation that arrives while the window is away is listed, and a jump to it loads its lines', async () => {
  const run = fakeRun(1000000, { done: false, lastId: 1000002 });
  await openOn(run);
  key('Home');
  await step(run);
  p.source.lastId = 1000002;
  p.source.emit('annotation', { level: 'error', message: 'boom', at: 999990, time: 1 });
  p.frame();
  assert.equal(p.doc.querySelectorAll('#annotations .annotation-item').length, 1);
  p.doc.querySelector('#annotations .annotation-item').click();
  p.frame();
  assert.equal(p.fetch.pending()[0].url, 'lines?from=998990&to=1000989');
  await serve(p.fetch, run);
  p.frame();
  assert.ok(p.$('L999990').classList.contains('target'));
});
