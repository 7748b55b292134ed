/* ssewatch.js over Server-Sent Events: its states, what it delivers, and when it reconnects. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClient } from './support/client.mjs';

test('a client connects over SSE, opens, and delivers each event once under its type and as message', () => {
  const w = loadClient();
  const c = w.client('http://h/T', {});
  const got = w.recorder(c);
  const messages = [];
  c.onmessage = (e) => messages.push(e.type + ' ' + e.id);
  assert.equal(c.url, 'http://h/T/');
  assert.equal(c.transport, 'sse');
  assert.equal(c.readyState, w.SseWatch.CONNECTING);
  assert.equal(c._state, 'connecting');
  const es = w.ES.last();
  assert.equal(es.url, 'http://h/T/events');
  assert.deepEqual(es.types.sort(), ['annotation', 'exit', 'gap', 'group', 'start', 'stderr', 'stdin', 'stdout']);
  es.open();
  assert.equal(c.readyState, w.SseWatch.OPEN);
  assert.equal(c._state, 'open');
  es.send('start', 1, { command: [] });
  es.send('stdout', 2, { line: 1, text: 'a' });
  es.send('stdout', 2, { line: 1, text: 'a' });
  es.send('stderr', 1, { line: 1, text: 'old' });
  assert.equal(c.lastEventId, '2');
  es.send('exit', 3, { code: 0 });
  assert.deepEqual(got, [['open', 'sse'], ['start', 1], ['stdout', 2], ['exit', 3]]);
  assert.deepEqual(messages, ['start 1', 'stdout 2', 'exit 3']);
  assert.equal(c.done, true);
  assert.equal(c.readyState, w.SseWatch.CLOSED);
  assert.equal(es.closed, true, 'the exit closes the stream: nothing more will come');
  assert.equal(w.clock.pending, 0, 'no timer is left');
  es.send('stdout', 4, { line: 2 });
  assert.equal(got.length, 4, 'nothing is delivered after the exit');
});

test('payloads are parsed as JSON, and kept as text when they are not JSON', () => {
  const w = loadClient();
  const c = w.client('', {});
  const data = [];
  c.addEventListener('stdout', (e) => data.push(e.data));
  w.ES.last().open();
  w.ES.last().send('stdout', 1, '{"line":1,"text":"x"}');
  w.ES.last().send('stdout', 2, 'not json');
  assert.deepEqual(JSON.parse(JSON.stringify(data)), [{ line: 1, text: 'x' }, 'not json'], 'from the other realm, compared as JSON');
});

test('a stream error waits with backoff, then reconnects from the last id', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse', minRetry: 1000, maxRetry: 4000 });
  const got = w.recorder(c, ['open', 'error']);
  let es = w.ES.last();
  es.open();
  es.send('stdout', 7, { line: 6 });
  es.error(false);
  assert.equal(es.closed, true, 'the browser is not left to reconnect with a stale URL');
  assert.equal(c._state, 'waiting');
  assert.equal(c.readyState, w.SseWatch.CONNECTING);
  // full jitter in the upper half, Math.random() fixed at 0.5: 3/4 of the base
  assert.deepEqual(got, [['open', 'sse'], ['error', 'stream error', 750]]);
  w.clock.tick(749);
  assert.equal(w.ES.instances.length, 1);
  w.clock.tick(1);
  es = w.ES.last();
  assert.equal(es.url, 'events?lastEventId=7');
  assert.equal(c._state, 'connecting');
  // never opened this time: the delay doubles, up to maxRetry
  es.error(false);
  w.clock.tick(1500);
  w.ES.last().error(false);
  w.clock.tick(3000);
  w.ES.last().error(false);
  w.clock.tick(3000);
  assert.deepEqual(got.slice(1).map((e) => e[2]), [750, 1500, 3000, 3000]);
  assert.equal(w.ES.instances.length, 5);
  w.ES.last().open();
  assert.deepEqual(got[got.length - 1], ['open', 'sse'], 'open again, announced once more');
  w.ES.last().error(false);
  assert.equal(got[got.length - 1][2], 750, 'an open resets the backoff');
});

test('with transport sse, a stream closed for good is retried on SSE, never polled', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse' });
  const got = w.recorder(c, ['error', 'transport']);
  w.ES.last().error(true);
  assert.equal(w.XHR.requests.length, 0, 'no probe of the poll endpoint');
  assert.deepEqual(got, [['error', 'stream closed', 750]]);
  w.clock.tick(750);
  assert.equal(w.ES.instances.length, 2);
  assert.equal(c.transport, 'sse');
});

test('event types of the embedder are listened for when asked for, before or after connecting', () => {
  const w = loadClient();
  const c = w.client('', { types: ['progress'] });
  const got = [];
  c.addEventListener('message', (e) => got.push(e.type));
  assert.ok(w.ES.last().types.includes('progress'));
  c.addEventListener('deploy', () => {});
  assert.ok(w.ES.last().types.includes('deploy'), 'a listener added later listens on the open stream');
  c.addEventListener('open', () => {});
  assert.ok(!w.ES.last().types.includes('open'), 'state events are not stream types');
  w.ES.last().open();
  w.ES.last().send('progress', 1, { percent: 5 });
  w.ES.last().send('deploy', 2, {});
  w.ES.last().send('other', 3, {});
  assert.deepEqual(got, ['progress', 'deploy']);
});

test('a listener that throws does not stop delivery; its error is thrown later', () => {
  const w = loadClient();
  const c = w.client('', {});
  const got = [];
  c.addEventListener('stdout', () => { throw new Error('listener bug'); });
  c.addEventListener('stdout', (e) => got.push(e.id));
  c.addEventListener('stdout', { handleEvent: (e) => got.push('h' + e.id) });
  w.ES.last().open();
  w.ES.last().send('stdout', 1, {});
  assert.deepEqual(got, [1, 'h1']);
  assert.throws(() => w.clock.tick(0), /listener bug/);
});

test('removeEventListener stops a listener', () => {
  const w = loadClient();
  const c = w.client('', {});
  const got = [];
  const fn = (e) => got.push(e.id);
  c.addEventListener('stdout', fn);
  c.addEventListener('stdout', fn);
  w.ES.last().open();
  w.ES.last().send('stdout', 1, {});
  c.removeEventListener('stdout', fn);
  w.ES.last().send('stdout', 2, {});
  assert.deepEqual(got, [1], 'added once, removed once');
});

test('lastEventId resumes after that id', () => {
  const w = loadClient();
  const c = w.client('', { lastEventId: 41 });
  assert.equal(c.lastEventId, '41');
  assert.equal(w.ES.last().url, 'events?lastEventId=41');
  const got = w.recorder(c, ['stdout']);
  w.ES.last().open();
  w.ES.last().send('stdout', 41, {});
  w.ES.last().send('stdout', 42, {});
  assert.deepEqual(got, [['stdout', 42]]);
});

test('a gap moves the position to its last missing id', () => {
  const w = loadClient();
  const c = w.client('', {});
  const got = w.recorder(c, ['gap', 'stdout']);
  w.ES.last().open();
  w.ES.last().send('gap', 900, { from: 60, to: 900 });
  w.ES.last().send('stdout', 901, {});
  assert.deepEqual(got, [['gap', 900], ['stdout', 901]]);
  w.ES.last().error(false);
  w.clock.tick(1000);
  assert.equal(w.ES.last().url, 'events?lastEventId=901');
});

test('options are clamped to sane ranges', () => {
  const w = loadClient();
  const c = w.client('', { minRetry: 1, maxRetry: 'x', openTimeout: 1e12, pollWait: 99, transport: 'carrier pigeon' });
  assert.equal(c.options.minRetry, 100);
  assert.equal(c.options.maxRetry, 100);
  assert.equal(c.options.openTimeout, 600000);
  assert.equal(c.options.pollWait, 25);
  assert.equal(c.options.transport, 'auto');
});
