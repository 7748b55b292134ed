/*
 * Only the matching lines (page/matches.mjs) through init(), with a fake fetch that answers
 * `lines` and `search` as the server does: the list of the whole run's matches instead of the
 * log, its pages loaded and dropped as the reader scrolls, a line number that goes to the line
 * in the full log, and the way back to where the reader was.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeRun, serve } from './support/fetch.mjs';
import { openOn, step, key, type as typeAt } from './support/window.mjs';
import { MAX_PAGES, PAGE_HITS } from '../../../main/resources/org/ssewatch/web/assets/page/matches.mjs';

let p;
afterEach(() => p && p.close());

const type = (q) => typeAt(p, q);

const listed = () => Array.from(p.doc.querySelectorAll('#matches .line')).map((e) => Number(e.getAttribute('data-line')));
const listRequests = () => p.fetch.requests.filter((r) => r.url.startsWith('search?') && r.query.get('viewer').endsWith('-list'));

test('m lists the matching lines of the whole run, with their numbers, instead of the log', async () => {
  const run = fakeRun(1000000, { budget: 100000 });
  p = await openOn(run);
  type('line 50000');
  await serve(p.fetch, run);
  assert.equal(p.$('matches').hidden, true, 'off until asked for');
  key(p, 'm');
  assert.equal(p.$('opt-matching').checked, true);
  await serve(p.fetch, run);
  // line 50000 and 500000..500009, though the log holds only the tail
  assert.deepEqual(listed(), [50000].concat(Array.from({ length: 10 }, (_, i) => 500000 + i)));
  assert.equal(p.$('log').hidden, true);
  assert.equal(p.$('matches').hidden, false);
  const first = listRequests()[0];
  assert.equal(first.query.get('q'), 'line 50000');
  assert.equal(first.query.get('first'), '1');
  assert.ok(listRequests().length > 1, 'following `continue` as the budget runs out');
  assert.equal(p.doc.querySelector('#matches [data-line="500003"] a.ln').getAttribute('href'), '#L500003');
  assert.equal(p.doc.querySelector('#matches [data-line="500003"] mark').textContent, 'line 50000');
  assert.equal(p.$('match-count').textContent, '11 lines match');
  assert.equal(p.doc.querySelector('#matches .matches-foot').textContent, 'No more matching lines in this run.');
});

test('pages are loaded as the reader scrolls down, and the DOM keeps at most MAX_PAGES of them; scrolling back loads the dropped ones again', async () => {
  const run = fakeRun(100000, { budget: 100000 });
  p = await openOn(run);
  p.$('opt-matching').click();
  type('line 1');
  await serve(p.fetch, run);
  assert.equal(listed().length, PAGE_HITS);
  assert.equal(listed()[0], 1);
  const foot = p.doc.querySelector('#matches .matches-foot');
  for (let i = 0; i < MAX_PAGES + 2; i += 1) {
    foot.getBoundingClientRect = () => ({ top: 100, bottom: 120 });
    p.layout.scrollTo(0);
    p.clock.tick(100);
    await serve(p.fetch, p.fetch && run);
  }
  assert.equal(listed().length, MAX_PAGES * PAGE_HITS, 'bounded');
  assert.ok(listed()[0] > 1, 'the first pages were dropped');
  const firstShown = listed()[0];
  // "line 1" starts lines 1, 10-19, 100-199, 1000-1999, 10000-19999, 100000: in line order, none twice
  const all = listed();
  assert.deepEqual(all, all.slice().sort((a, b) => a - b));
  assert.match(p.doc.querySelector('#matches .matches-above').textContent, /^Earlier matching lines, before line /);
  const head = p.doc.querySelector('#matches .matches-above');
  head.getBoundingClientRect = () => ({ top: 0, bottom: 20 });
  p.layout.scrollTo(0);
  p.clock.tick(100);
  await serve(p.fetch, run);
  assert.ok(listed()[0] < firstShown, 'the page above is back');
  assert.ok(listed().includes(firstShown));
  assert.equal(listed().length, MAX_PAGES * PAGE_HITS);
});

test('a line number in the list goes to that line in the full log, and the list goes away', async () => {
  const run = fakeRun(1000000, { budget: 1000000 });
  p = await openOn(run);
  type('line 50000');
  key(p, 'm');
  await serve(p.fetch, run);
  p.doc.querySelector('#matches [data-line="500003"] a.ln').dispatchEvent(new p.win.MouseEvent('click', { bubbles: true, cancelable: true }));
  assert.equal(p.win.location.hash, '#L500003');
  p.win.dispatchEvent(new p.win.HashChangeEvent('hashchange'));
  await step(p, run);
  await step(p, run);
  assert.ok(p.$('L500003').classList.contains('target'));
  assert.equal(p.$('matches').hidden, true);
  assert.equal(p.$('log').hidden, false);
  assert.equal(p.$('opt-matching').checked, false);
  assert.equal(p.$('filter').value, 'line 50000', 'the search stays, its hits marked in the log');
});

test('leaving the list returns to where the reader was in the log', async () => {
  const run = fakeRun(100000, { budget: 100000 });
  p = await openOn(run);
  p.layout.scrollTo(12340);
  p.layout.scrollTo(12345);
  assert.equal(p.$('opt-follow').checked, false);
  type('line 7');
  key(p, 'm');
  await serve(p.fetch, run);
  assert.ok(listed().length > 0);
  key(p, 'm');
  assert.equal(p.$('matches').hidden, true);
  assert.equal(p.win.scrollY, 12345);
  assert.equal(p.$('opt-follow').checked, false);
});

test('a new query while the list is shown lists its lines from the start; an empty one shows the log again', async () => {
  const run = fakeRun(100000, { budget: 100000 });
  p = await openOn(run);
  key(p, 'm');
  type('line 7');
  await serve(p.fetch, run);
  assert.equal(listed()[0], 7);
  type('line 99');
  await serve(p.fetch, run);
  assert.equal(listed()[0], 99);
  assert.ok(listed().every((n) => String(n).startsWith('99')));
  type('');
  assert.equal(p.$('matches').hidden, true);
  assert.equal(p.$('log').hidden, false);
});

test('without the search on the server (a page streamed whole) there is no list: the filter hides what does not match', async () => {
  const { openPage } = await import('./support/page.mjs');
  p = openPage();
  assert.equal(p.$('opt-matching').parentNode.hidden, true);
});
