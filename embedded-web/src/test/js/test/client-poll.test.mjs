/* ssewatch.js over long-polling, and its page lifecycle: back-forward cache, network back, close(). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClient, batch } from './support/client.mjs';

test('without EventSource the client polls from the start', () => {
  const w = loadClient({ eventSource: false });
  const c = w.client('http://h/T/', {});
  const got = w.recorder(c);
  assert.equal(c.transport, 'poll');
  assert.deepEqual(w.XHR.pending().map((r) => r.url), ['http://h/T/poll?after=0']);
  w.XHR.pending()[0].respond(200, batch([[1, 'start', {}], [2, 'stdout']]));
  assert.equal(c.readyState, w.SseWatch.OPEN);
  w.XHR.pending()[0].respond(200, batch([]));
  assert.deepEqual(w.XHR.pending().map((r) => r.url), ['http://h/T/poll?after=2'], 'an empty answer: ask again');
  assert.deepEqual(got, [['open', 'poll'], ['start', 1], ['stdout', 2]], 'open is announced once');
});

test('pollWait other than 25 is sent, and repeats in a batch are dropped', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll', pollWait: 3, pollTimeout: 5000 });
  const got = w.recorder(c, ['stdout']);
  assert.equal(w.ES.instances.length, 0);
  const r = w.XHR.pending()[0];
  assert.equal(r.url, 'poll?after=0&wait=3');
  assert.equal(r.timeout, 5000);
  r.respond(200, batch([[1, 'stdout'], [1, 'stdout'], [2, 'stdout']]));
  assert.deepEqual(got, [['stdout', 1], ['stdout', 2]]);
});

test('a failed poll is an error with its reason and status, then a retry with backoff', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll' });
  const errors = [];
  c.onerror = (e) => errors.push([e.reason, e.status, e.retryIn, e.transport]);
  w.XHR.pending()[0].respond(503, 'busy');
  assert.equal(c._state, 'waiting');
  w.clock.tick(750);
  w.XHR.pending()[0].respond(200, '<html>');
  w.clock.tick(1500);
  w.XHR.pending()[0].respond(200, { no: 'events' });
  w.clock.tick(3000);
  w.XHR.pending()[0].fail();
  w.clock.tick(6000);
  w.XHR.pending()[0].timeOut();
  assert.deepEqual(errors, [
    ['poll answered HTTP 503', 503, 750, 'poll'],
    ['poll answer is not JSON', 200, 1500, 'poll'],
    ['malformed poll answer', 200, 3000, 'poll'],
    ['network error', 0, 6000, 'poll'],
    ['poll timed out', 0, 12000, 'poll']]);
  assert.equal(c.transport, 'poll', 'polling never switches back');
});

test('a batch that says done ends the client even without an exit event', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll' });
  w.XHR.pending()[0].respond(200, batch([[5, 'stdout']], true));
  assert.equal(c.done, true);
  assert.equal(w.XHR.pending().length, 0);
});

test('close() stops everything for good: no request, no timer, no event', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll' });
  const got = w.recorder(c);
  const r = w.XHR.pending()[0];
  c.close();
  assert.equal(r.aborted, true);
  assert.equal(c.readyState, w.SseWatch.CLOSED);
  assert.equal(c.done, false, 'closed is not done: the run did not end');
  assert.equal(c._state, 'closed');
  assert.equal(w.clock.pending, 0);
  assert.deepEqual(Object.keys(w.win.listeners).map((k) => w.win.listeners[k].length), [0, 0, 0], 'lifecycle listeners removed');
  r.respond(200, batch([[1, 'stdout']]));
  assert.deepEqual(got, []);
});

test('close() during the wait for a retry cancels the retry', () => {
  const w = loadClient();
  const c = w.client('', {});
  w.ES.last().error(false);
  c.close();
  w.clock.tick(60000);
  assert.equal(w.ES.instances.length, 1);
});

test('an error listener may close the client', () => {
  const w = loadClient();
  const c = w.client('', {});
  c.onerror = () => c.close();
  w.ES.last().error(false);
  w.clock.tick(60000);
  assert.equal(w.ES.instances.length, 1);
  assert.equal(c.readyState, w.SseWatch.CLOSED);
});

test('a page in the back-forward cache holds no connection, and resumes where it was when shown', () => {
  const w = loadClient();
  const c = w.client('', {});
  w.ES.last().open();
  w.ES.last().send('stdout', 3, {});
  w.fire('pagehide', false);
  assert.equal(w.ES.last().closed, false, 'a page that is unloaded, not cached, is left alone');
  w.fire('pagehide', true);
  assert.equal(w.ES.last().closed, true);
  assert.equal(c._state, 'suspended');
  assert.equal(c.readyState, w.SseWatch.CONNECTING);
  assert.equal(w.clock.pending, 0, 'no watchdog, no timeout');
  w.fire('pageshow', true);
  assert.equal(w.ES.instances.length, 2);
  assert.equal(w.ES.last().url, 'events?lastEventId=3');
  assert.equal(c._state, 'connecting');
});

test('the network coming back retries at once, but only while waiting to retry', () => {
  const w = loadClient();
  const c = w.client('', { minRetry: 10000 });
  w.fire('online');
  assert.equal(w.ES.instances.length, 1, 'connecting: nothing to hurry');
  w.ES.last().error(false);
  assert.equal(c._state, 'waiting');
  w.fire('online');
  assert.equal(w.ES.instances.length, 2);
  assert.equal(w.clock.pending, 1, 'the retry timer is gone; the open timeout runs');
});

test('a finished client ignores the page lifecycle', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'poll' });
  w.XHR.pending()[0].respond(200, batch([[1, 'exit', { code: 0 }]]));
  assert.equal(c.done, true);
  w.fire('pagehide', true);
  w.fire('pageshow', true);
  w.fire('online');
  assert.equal(c.done, true);
  assert.equal(w.XHR.pending().length, 0);
  c.close();
  assert.equal(c.done, true, 'closing a finished client keeps it done');
});
