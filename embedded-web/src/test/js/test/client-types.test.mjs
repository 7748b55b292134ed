/*
 * ssewatch.js delivers every event type to addEventListener(type) and to "message", over SSE and
 * over polling alike, and says "open" when a transport delivers and "close" when the run is over.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClient, batch } from './support/client.mjs';

const TYPES = ['open', 'close', 'start', 'group', 'annotation', 'progress', 'deploy-step', 'stdout', 'exit'];

test('over SSE, markup and custom types reach their listeners, then close follows the exit once', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const got = w.recorder(c, TYPES);
  let closes = 0;
  c.onclose = () => { closes += 1; };
  const es = w.ES.last();
  for (const type of ['group', 'annotation', 'progress', 'deploy-step']) {
    assert.ok(es.types.includes(type), 'the EventSource listens for ' + type);
  }
  assert.ok(!es.types.includes('close') && !es.types.includes('open'), 'state events are not journal types');
  es.open();
  es.send('start', 1, {});
  es.send('group', 2, { action: 'start', name: 'build', title: 'Build', at: 1, collapsed: true, time: 5 });
  es.send('annotation', 3, { level: 'error', message: 'no', at: 1 });
  es.send('progress', 4, { done: 1, total: 2 });
  es.send('deploy-step', 5, { step: 'migrate' });
  es.send('exit', 6, { code: 0 });
  assert.deepEqual(got, [['open', 'sse'], ['start', 1], ['group', 2], ['annotation', 3], ['progress', 4],
    ['deploy-step', 5], ['exit', 6], ['close', undefined]]);
  assert.equal(closes, 1);
  assert.equal(c.readyState, w.SseWatch.CLOSED);
});

test('a type listened for after the stream opened is delivered from then on', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const es = w.ES.last();
  es.open();
  es.send('start', 1, {});
  const got = [];
  c.addEventListener('deploy-step', (e) => got.push([e.type, e.id, e.data.step]));
  assert.ok(es.types.includes('deploy-step'), 'added to the open EventSource');
  es.send('deploy-step', 2, { step: 'migrate' });
  assert.deepEqual(JSON.parse(JSON.stringify(got)), [['deploy-step', 2, 'migrate']]);
});

test('over SSE, a message listener gets the types the stream skipped, fetched from poll, in id order', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const messages = [];
  c.addEventListener('message', (e) => messages.push(e.type + ' ' + e.id));
  const es = w.ES.last();
  assert.ok(!es.types.includes('deploy-step'));
  es.open();
  es.send('start', 1, {});
  es.send('stdout', 4, { line: 1 });   // 2 and 3 were of a type nobody named: EventSource dropped them
  es.send('stdout', 5, { line: 2 });
  assert.deepEqual(messages, ['start 1'], 'later events wait for the fill-in');
  const fill = w.XHR.pending();
  assert.deepEqual(fill.map((r) => r.url), ['poll?after=1&wait=0&max=2']);
  fill[0].respond(200, batch([[2, 'deploy-step', { step: 'a' }], [3, 'deploy-step', { step: 'b' }], [4, 'stdout']]));
  assert.deepEqual(messages, ['start 1', 'deploy-step 2', 'deploy-step 3', 'stdout 4', 'stdout 5'],
    'each id once, in order, the stream\'s own copy of 4 dropped as a repeat');
  es.send('stdout', 6, { line: 3 });
  assert.equal(w.XHR.pending().length, 0, 'no fill-in without a skip');
  assert.deepEqual(messages.slice(-1), ['stdout 6']);
});

test('a fill-in answer bounded in bytes is followed by another for the rest', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const messages = [];
  c.onmessage = (e) => messages.push(e.id);
  const es = w.ES.last();
  es.open();
  es.send('start', 1, {});
  es.send('stdout', 5, { line: 1 });
  w.XHR.pending()[0].respond(200, batch([[2, 'x', {}], [3, 'x', {}]]));
  assert.deepEqual(w.XHR.pending().map((r) => r.url), ['poll?after=3&wait=0&max=1']);
  w.XHR.pending()[0].respond(200, batch([[4, 'x', {}]]));
  assert.deepEqual(messages, [1, 2, 3, 4, 5]);
});

test('when the fill-in fails, the stream\'s events go on as EventSource delivers them', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const messages = [];
  c.onmessage = (e) => messages.push(e.id);
  const es = w.ES.last();
  es.open();
  es.send('start', 1, {});
  es.send('stdout', 3, { line: 1 });
  es.send('stdout', 4, { line: 2 });
  w.XHR.pending()[0].fail();
  assert.deepEqual(messages, [1, 3, 4]);
  assert.equal(c.transport, 'sse');
  assert.equal(c._state, 'open');
});

test('without a message listener, skipped types are not fetched', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const got = w.recorder(c, ['stdout']);
  const es = w.ES.last();
  es.open();
  es.send('stdout', 1, { line: 1 });
  es.send('stdout', 3, { line: 2 });
  assert.equal(w.XHR.pending().length, 0);
  assert.deepEqual(got, [['stdout', 1], ['stdout', 3]]);
});

test('over polling, every type reaches its listeners and message; open once, close when the batch says done', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll' });
  const got = w.recorder(c, TYPES);
  const messages = [];
  c.addEventListener('message', (e) => messages.push(e.type));
  w.XHR.pending()[0].respond(200, batch([[1, 'start', {}], [2, 'group', { action: 'start' }], [3, 'deploy-step', {}]]));
  w.XHR.pending()[0].respond(200, batch([[4, 'annotation', { level: 'notice' }], [5, 'progress', { done: 1 }]], true));
  assert.deepEqual(got, [['open', 'poll'], ['start', 1], ['group', 2], ['deploy-step', 3], ['annotation', 4],
    ['progress', 5], ['close', undefined]], 'done without an exit event in the batch still closes');
  assert.deepEqual(messages, ['start', 'group', 'deploy-step', 'annotation', 'progress']);
  assert.equal(w.XHR.pending().length, 0, 'nothing more is asked for');
});

test('over polling, the exit event closes, once, even when the batch also says done', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll' });
  const got = w.recorder(c, ['exit', 'close']);
  w.XHR.pending()[0].respond(200, batch([[1, 'start', {}], [2, 'exit', { code: 0 }]], true));
  assert.deepEqual(got, [['exit', 2], ['close', undefined]]);
});

test('close() is not the run ending: no close event', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const got = w.recorder(c, ['close']);
  w.ES.last().open();
  c.close();
  assert.deepEqual(got, []);
  assert.equal(c.done, false);
});

test('the close event says where the run ended', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll' });
  let event = null;
  c.addEventListener('close', (e) => { event = e; });
  w.XHR.pending()[0].respond(200, batch([[1, 'start', {}], [7, 'exit', {}]], true));
  assert.equal(event.lastEventId, '7');
  assert.equal(event.transport, 'poll');
});
