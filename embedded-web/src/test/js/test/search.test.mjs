/*
 * Search across the whole run (page/search.mjs) through init(), with a fake fetch that answers
 * `lines` and `search` as the server does: the count over every page, next and previous, jumps
 * that load their lines, and typing on that drops the search under way.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun, serve, settle } from './support/fetch.mjs';
import { openOn, step, key, type as typeAt } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

const type = (q) => typeAt(p, q);

function enter(shift) {
  p.$('filter').dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'Enter', shiftKey: !!shift, bubbles: true }));
}

const all = () => p.fetch.requests.filter((r) => r.url.startsWith('search?'));
/** The count's requests; those of the search near the reader have a viewer of their own. */
const searches = () => all().filter((r) => !r.query.get('viewer').endsWith('-near'));
const nearby = () => all().filter((r) => r.query.get('viewer').endsWith('-near'));

/** Answers the pending requests of the search near the reader only, as the server would. */
async function serveNearby(run) {
  for (let i = 0; i < 100 && nearby().some((r) => !r.settled); i += 1) {
    nearby().filter((r) => !r.settled).forEach((r) => r.respond(run.search(r.query)));
    await settle();
    await settle();
  }
}

test('typing searches the whole run, page after page, and says how many lines match', async () => {
  const run = fakeRun(100000);
  p = await openOn(run);
  type('77777');
  const first = searches()[0];
  assert.equal(first.query.get('q'), '77777');
  assert.equal(first.query.get('from'), '1');
  assert.match(first.query.get('viewer'), /^p[0-9a-z]+$/);
  assert.equal(p.$('match-count').textContent, '0 lines match, counting\u2026');
  await serve(p.fetch, run);
  // 77777 in 1..100000: line 77777 only
  assert.deepEqual(searches().map((r) => r.query.get('from')), ['1', '40001', '80001']);
  assert.equal(p.$('match-count').textContent, '1 line matches');
  assert.equal(p.$('match-count').getAttribute('data-matches'), '1');
});

test('hits beyond a page are fetched from `more`, and counted once', async () => {
  const run = fakeRun(100000, { budget: 100000 });
  p = await openOn(run);
  type('line 1');
  await serve(p.fetch, run);
  // "line 1" starts 1, 10-19, 100-199, ..., 10000-19999, 100000: 11,112 lines
  assert.equal(p.$('match-count').textContent, '11,112 lines match');
  assert.equal(p.page.search.hits.length, 11112);
});

test('Enter and Shift+Enter go to the next and previous hit, loading its lines', async () => {
  const run = fakeRun(1000000, { budget: 1000000 });
  p = await openOn(run);
  type('line 50000');
  await serve(p.fetch, run);
  // line 50000 and 500000..500009
  assert.equal(p.$('match-count').textContent, '11 lines match');
  enter();
  await step(p, run);
  assert.ok(p.$('L50000').classList.contains('target'));
  assert.equal(p.$('match-count').textContent, '1 of 11 lines match');
  enter();
  await step(p, run);
  assert.ok(p.$('L500000').classList.contains('target'));
  enter(true);
  await step(p, run);
  assert.ok(p.$('L50000').classList.contains('target'));
  enter(true);
  await step(p, run);
  assert.ok(p.$('L500009').classList.contains('target'), 'round the start to the last hit');
  assert.equal(p.$('match-count').textContent, '11 of 11 lines match');
});

test('typing on aborts the search under way; only the newest query is counted', async () => {
  const run = fakeRun(100000);
  p = await openOn(run);
  type('1');
  const old = searches()[0];
  type('12345');
  assert.equal(old.aborted, true);
  await serve(p.fetch, run);
  assert.equal(p.$('match-count').textContent, '1 line matches');
  type('');
  assert.equal(p.$('match-count').textContent, '');
});

test('Escape clears the search', async () => {
  const run = fakeRun(100000);
  p = await openOn(run);
  type('12345');
  await serve(p.fetch, run);
  p.$('filter').dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  assert.equal(p.$('match-count').textContent, '');
  assert.equal(p.page.search.q, '');
});

test('with the search on the server the filter hides nothing in the log (the list of matching lines does), so a drag into a placeholder jumps there', async () => {
  const run = fakeRun(1000000, { budget: 1000000 });
  p = await openOn(run);
  type('line 750000');
  await serve(p.fetch, run);
  assert.ok(!p.$('log').classList.contains('filtering'));
  const asked = p.fetch.requests.length;
  const top = p.$('hidden-lines');
  top.getBoundingClientRect = () => ({ top: -1000, bottom: 3000000, height: 3001000, left: 0, right: 0, width: 0 });
  p.page.window.check();
  p.frame();
  const urls = p.fetch.requests.slice(asked).map((r) => r.url);
  assert.equal(urls.length, 1);
  assert.notEqual(urls[0], 'lines?from=996001&to=998000', 'a jump to the line standing there, not the lines next to those held');
  assert.equal(p.$('filter').value, 'line 750000');
});

test('a hit near the reader is shown and stepped to before the count from line 1 gets there; the count stays exact', async () => {
  const run = fakeRun(1000000, { budget: 100000 });
  p = await openOn(run);
  const reading = p.page.window.reading();
  assert.ok(reading > 990000, 'the page opens at the tail: ' + reading);
  type('line 999999');
  const near = nearby()[0];
  assert.equal(near.query.get('from'), String(reading), 'asked from the line on screen');
  assert.equal(near.query.get('limit'), '1');
  assert.equal(near.query.get('first'), '1', 'answered as soon as the hit is found');
  assert.notEqual(near.query.get('viewer'), searches()[0].query.get('viewer'), 'beside the count, not superseding it');
  await serveNearby(run);
  assert.equal(searches().filter((r) => !r.settled).length, 1, 'the count has not been answered yet');
  assert.equal(p.$('match-count').textContent, '1 line matches, counting\u2026');
  enter();
  await step(p, run);
  assert.ok(p.$('L999999').classList.contains('target'));
  await serve(p.fetch, run);
  assert.equal(p.$('match-count').textContent, '1 of 1 line matches', 'counted once');
});

test('with no hit after the reader, the search near it goes back from it in growing stretches', async () => {
  const run = fakeRun(1000000, { budget: 1000000 });
  p = await openOn(run);
  const reading = p.page.window.reading();
  type('line 20000');
  await serveNearby(run);
  const back = nearby().slice(1).map((r) => [Number(r.query.get('from')), Number(r.query.get('to'))]);
  assert.deepEqual(back, [[reading - 500000, reading - 1], [1, reading - 500001]], 'back from the reader, the stretch doubling');
  assert.equal(p.$('match-count').textContent, '1 line matches, counting\u2026', 'line 20000, before the stretches');
  await serve(p.fetch, run);
  // line 20000 and 200000..200009: exact, with the one found nearby counted once
  assert.equal(p.$('match-count').textContent, '11 lines match');
  enter();
  await step(p, run);
  assert.ok(p.$('L20000').classList.contains('target'), 'Enter goes in line order');
});
