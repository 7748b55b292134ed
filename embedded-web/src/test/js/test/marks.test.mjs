/*
 * Tail first, what the run said before the window (page/marks.mjs): the page fetches `marks` up
 * to the event it streams after, every page of them, and gives them to the handlers the stream's
 * events go to, before the live events; it says while they load, and says when they cannot be.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, START } from './support/page.mjs';
import { FakeFetch, fakeRun, serve, settle } from './support/fetch.mjs';
import { openOn as open } from './support/window.mjs';

let p;
afterEach(() => p && p.close());

const T = 1732380000000;

/** A million lines; before the window: a start, a group, two errors and a warning, progress, status, a custom event. */
function markedRun(opts) {
  return fakeRun(1000000, Object.assign({
    marks: [
      { id: 1, type: 'start', data: START },
      { id: 6, type: 'group', data: { action: 'start', name: 'build', title: 'Build', at: 5, collapsed: true, time: T + 5 } },
      { id: 12, type: 'annotation', data: { level: 'error', message: 'undefined reference', file: 'src/a.c', line: 3, at: 10, time: T + 10 } },
      { id: 14, type: 'annotation', data: { level: 'warning', message: 'unused x', file: 'src/b.c', line: 7, at: 11, time: T + 11 } },
      { id: 20, type: 'progress', data: { done: 1, total: 4, time: T + 20 } },
      { id: 500, type: 'status', data: { text: 'linking', time: T + 500 } },
      { id: 900, type: 'deploy-step', data: { step: 'migrate', time: T + 900 } },
      { id: 400000, type: 'annotation', data: { level: 'error', message: 'tests failed', at: 399990, time: T + 400000 } }
    ]
  }, opts));
}

function panel() {
  return Array.from(p.doc.querySelectorAll('#annotations .annotation-item')).map((b) =>
    [b.getAttribute('data-level'), b.querySelector('.annotation-message').textContent]);
}

const marksAsked = () => p.fetch.requests.map((r) => r.url).filter((u) => u.startsWith('marks?'));

test('tail first, the annotations, progress, status and other events before the window reach their places', async () => {
  p = await open(markedRun());
  assert.deepEqual(marksAsked(), ['marks?before=1000002'], 'everything up to the event the stream resumes after');
  const counts = p.$('annotation-counts');
  assert.equal(counts.hidden, false);
  assert.equal(counts.getAttribute('data-errors'), '2');
  assert.equal(counts.getAttribute('data-warnings'), '1');
  assert.equal(counts.getAttribute('data-earlier'), '', 'all are in');
  assert.deepEqual(panel(), [['error', 'undefined reference'], ['error', 'tests failed'], ['warning', 'unused x']]);
  assert.equal(p.$('progress').getAttribute('data-percent'), '25');
  assert.equal(p.$('status-text').textContent, 'linking');
  assert.equal(p.$('events-toggle').textContent, '1 event');
  assert.equal(p.doc.querySelector('#event-list .event').getAttribute('data-type'), 'deploy-step');
  assert.equal(p.doc.querySelector('#event-list .event').getAttribute('data-id'), '900');
  assert.equal(p.$('command').textContent.includes('make'), true, 'the start event, though the stream began after it');
});

test('every page of marks is read, in id order, and live events wait until they are in', async () => {
  const run = markedRun({ marksPage: 3, done: false, lastId: 1000001 });
  const fetch = new FakeFetch();
  p = openPage({ fetch: fetch.fn });
  p.fetch = fetch;
  await settle();
  fetch.pending()[0].respond(run.answer(new URLSearchParams('tail=2000')));
  await settle();
  await settle();
  assert.deepEqual(p.connected, [1000001]);
  p.frame();
  assert.equal(p.$('annotation-counts').getAttribute('data-earlier'), 'loading');
  assert.equal(p.$('annotation-counts').hidden, false, 'the header says that annotations are loading');
  assert.equal(p.$('annotation-counts').querySelector('[data-earlier]').textContent, '\u2026');
  assert.equal(p.doc.querySelector('#annotations .annotations-earlier').textContent,
    'Loading annotations, groups and events from earlier in the run\u2026');
  p.source.lastId = 1000001;
  p.source.emit('annotation', { level: 'error', message: 'live one', at: 1000001, time: T + 1000002 });
  p.source.emit('progress', { done: 4, total: 4, time: T + 1000003 });
  p.frame();
  assert.deepEqual(panel(), [], 'the live annotation waits for the earlier ones');
  await serve(fetch, run);
  p.frame();
  assert.deepEqual(marksAsked(), ['marks?before=1000002', 'marks?before=1000002&after=12',
    'marks?before=1000002&after=500']);
  assert.deepEqual(panel(), [['error', 'undefined reference'], ['error', 'tests failed'], ['error', 'live one'],
    ['warning', 'unused x']]);
  assert.equal(p.$('progress').getAttribute('data-percent'), '100', 'the live progress is the newest, applied last');
  assert.equal(p.doc.querySelector('#annotations .annotations-earlier').hidden, true);
});

test('when the marks cannot be loaded the page says so, and goes on with the live events', async () => {
  const run = markedRun({ done: false, lastId: 1000001 });
  const fetch = new FakeFetch();
  p = openPage({ fetch: fetch.fn });
  p.fetch = fetch;
  await settle();
  fetch.pending()[0].respond(run.answer(new URLSearchParams('tail=2000')));
  await settle();
  await settle();
  p.source.lastId = 1000001;
  p.source.emit('annotation', { level: 'warning', message: 'live one', at: 1000001, time: T + 1000002 });
  const marks = fetch.pending().find((r) => r.url.startsWith('marks?'));
  marks.respond('Not found.', 404);
  await settle();
  await settle();
  p.frame();
  const said = 'Annotations, groups, progress and events from earlier in the run could not be loaded (HTTP 404): '
    + 'the counts and lists cover only what came after the lines shown first.';
  assert.equal(p.$('notice').hidden, false);
  assert.equal(p.$('notice').getAttribute('data-kind'), 'error');
  assert.equal(p.$('notice').textContent, said);
  assert.equal(p.doc.querySelector('#annotations .annotations-earlier').textContent, said);
  assert.equal(p.$('annotation-counts').getAttribute('data-earlier'), 'failed');
  assert.equal(p.$('annotation-counts').querySelector('[data-earlier]').textContent, '?');
  assert.deepEqual(panel(), [['warning', 'live one']], 'the live events are not held for ever');
});

test('a network failure is said the same way', async () => {
  const run = markedRun();
  const fetch = new FakeFetch();
  p = openPage({ fetch: fetch.fn });
  p.fetch = fetch;
  await settle();
  fetch.pending()[0].respond(run.answer(new URLSearchParams('tail=2000')));
  await settle();
  await settle();
  fetch.pending().find((r) => r.url.startsWith('marks?')).fail();
  await settle();
  await settle();
  p.frame();
  assert.ok(p.$('notice').textContent.includes('could not be loaded (no answer)'), p.$('notice').textContent);
});

test('marks no longer kept are said to be missing, where the annotations are listed', async () => {
  const run = markedRun();
  run.marks.splice(3, 0, { id: 13000, type: 'gap', data: { from: 15, to: 13000 } });
  p = await open(run);
  const said = p.doc.querySelector('#annotations .annotations-earlier');
  assert.equal(said.hidden, false);
  assert.equal(said.textContent, 'Events 15\u201313000 were not kept: annotations and groups there are not listed.');
  assert.equal(p.$('annotation-counts').getAttribute('data-earlier'), 'gap');
  assert.equal(p.$('notice').getAttribute('data-kind'), 'error');
});

test('a click on an annotation before the window loads the lines around it', async () => {
  const run = markedRun();
  p = await open(run);
  p.$('annotation-counts').click();
  p.doc.querySelector('#annotations .annotation-item[data-level="error"]').click();
  p.frame();
  await serve(p.fetch, run);
  p.frame();
  assert.ok(p.fetch.requests.some((r) => r.url === 'lines?from=1&to=2000'), p.fetch.requests.map((r) => r.url).join(' '));
  assert.ok(p.$('L10'), 'line 10 is loaded');
});

test('a group that began before the window holds the window\'s lines, and its end from the stream ends it and folds it', async () => {
  const run = markedRun({ done: false, lastId: 1000001 });
  p = await open(run);
  assert.equal(p.page.log.groups.open.map((g) => g.name).join(), 'build', 'the group is open when the live stream goes on');
  assert.ok(!p.$('notice').textContent.includes('not folded'), p.$('notice').textContent);
  const build = p.doc.querySelector('#log section.group[data-group="build"]');
  assert.ok(build, 'its section is laid out around the lines loaded by range');
  assert.equal(p.$('L1000000').closest('section.group'), build);
  p.source.lastId = 1000001;
  p.source.emit('group', { action: 'end', name: 'build', at: 1000001, time: T + 1000002 });
  p.frame();
  assert.equal(p.page.log.groups.open.length, 0);
  assert.ok(build.classList.contains('ended'));
  assert.ok(build.classList.contains('collapsed'), 'collapsed: true folds it once it ended, as for lines streamed');
});

test('a run streamed whole asks for no marks: the stream brings them', async () => {
  p = await open(fakeRun(300));
  assert.deepEqual(marksAsked(), []);
});
