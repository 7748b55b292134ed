/* ssewatch.js in auto mode: when it gives up the stream for long-polling, and when it does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadClient, batch } from './support/client.mjs';

function openOnSse(w, options) {
  const c = w.client('', Object.assign({ transport: 'auto' }, options));
  const got = w.recorder(c);
  w.ES.last().open();
  w.ES.last().send('stdout', 1, { line: 1 });
  return { c, got };
}

test('a stream closed for good is given up for polling once poll answers', () => {
  const w = loadClient();
  const { c, got } = openOnSse(w);
  w.ES.last().error(true);
  assert.equal(w.ES.last().closed, true);
  const probe = w.XHR.pending();
  assert.deepEqual(probe.map((r) => r.url), ['poll?after=1&wait=0&max=1'], 'first, is polling any better?');
  assert.equal(probe[0].headers.Accept, 'application/json');
  probe[0].respond(200, batch([[2, 'stdout']]));
  assert.equal(c.transport, 'poll');
  assert.equal(c._state, 'connecting');
  const poll = w.XHR.pending();
  assert.deepEqual(poll.map((r) => r.url), ['poll?after=1'], 'the probe answer itself is not delivered: polling asks again');
  assert.equal(poll[0].timeout, 35000);
  poll[0].respond(200, batch([[2, 'stdout'], [3, 'stderr']]));
  assert.deepEqual(w.XHR.pending().map((r) => r.url), ['poll?after=3'], 'and goes on after the last id');
  w.XHR.pending()[0].respond(200, batch([[4, 'exit', { code: 0 }]], true));
  assert.deepEqual(got, [['open', 'sse'], ['stdout', 1], ['transport', 'poll', 'stream closed'], ['open', 'poll'],
    ['stdout', 2], ['stderr', 3], ['exit', 4]]);
  assert.equal(c.done, true);
  assert.equal(c.readyState, w.SseWatch.CLOSED);
  assert.equal(w.XHR.pending().length, 0, 'no poll after the end');
  assert.equal(w.clock.pending, 0);
});

test('when poll fails too, the server is down, not the stream: stay on SSE and retry', () => {
  const w = loadClient();
  const { c, got } = openOnSse(w);
  w.ES.last().error(true);
  w.XHR.pending()[0].fail();
  assert.equal(c.transport, 'sse');
  assert.equal(c._state, 'waiting');
  assert.deepEqual(got.slice(2), [['error', 'stream closed', 750]]);
  w.clock.tick(750);
  assert.equal(w.ES.instances.length, 2);
  assert.equal(w.ES.last().url, 'events?lastEventId=1');
});

test('a stream that fails twice without opening is given up; once is retried', () => {
  const w = loadClient();
  const c = w.client('', {});
  const got = w.recorder(c, ['error', 'transport']);
  w.ES.last().error(false);
  assert.equal(w.XHR.requests.length, 0);
  w.clock.tick(750);
  w.ES.last().error(false);
  assert.deepEqual(w.XHR.pending().map((r) => r.url), ['poll?after=0&wait=0&max=1']);
  w.XHR.pending()[0].respond(200, batch([]));
  assert.deepEqual(got, [['error', 'stream error', 750], ['transport', 'poll', 'stream error']]);
  assert.equal(c.transport, 'poll');
});

test('a stream with no response headers within openTimeout is given up', () => {
  const w = loadClient();
  const c = w.client('', { openTimeout: 2000 });
  const got = w.recorder(c, ['transport']);
  w.clock.tick(1999);
  assert.equal(w.XHR.requests.length, 0);
  w.clock.tick(1);
  assert.equal(w.ES.last().closed, true);
  w.XHR.pending()[0].respond(200, batch([]));
  assert.deepEqual(got, [['transport', 'poll', 'no response within 2000 ms']]);
  assert.equal(c._es, null);
  assert.notEqual(c._xhr, null);
});

test('a silent stream is probed; caught up, the next probe waits twice as long', () => {
  const w = loadClient();
  const { c, got } = openOnSse(w, { silenceTimeout: 1000 });
  assert.equal(c._silence, 1000);
  w.clock.tick(999);
  assert.equal(w.XHR.requests.length, 0);
  w.clock.tick(1);
  assert.deepEqual(w.XHR.pending().map((r) => r.url), ['poll?after=1&wait=0&max=100']);
  w.XHR.pending()[0].respond(200, batch([]));
  assert.equal(c._silence, 2000);
  w.clock.tick(1999);
  assert.equal(w.XHR.pending().length, 0);
  w.clock.tick(1);
  w.XHR.pending()[0].respond(200, batch([]));
  assert.equal(c._silence, 4000);
  w.ES.last().send('stdout', 2, {});
  assert.equal(c._silence, 1000, 'an event resets the watchdog');
  assert.equal(c.transport, 'sse');
  assert.equal(got.filter((e) => e[0] === 'transport').length, 0);
});

test('a stream that holds back events the poll endpoint has is given up after the grace period', () => {
  const w = loadClient();
  const { c, got } = openOnSse(w, { silenceTimeout: 1000, probeGrace: 300 });
  w.clock.tick(1000);
  w.XHR.pending()[0].respond(200, batch([[2, 'stdout'], [3, 'stdout']]));
  w.clock.tick(299);
  assert.equal(c.transport, 'sse');
  w.clock.tick(1);
  assert.equal(c.transport, 'poll');
  assert.deepEqual(got.slice(2), [['transport', 'poll', 'the stream is holding events back']]);
  assert.deepEqual(w.XHR.pending().map((r) => r.url), ['poll?after=1']);
});

test('a stream that catches up within the grace period is kept', () => {
  const w = loadClient();
  const { c } = openOnSse(w, { silenceTimeout: 1000, probeGrace: 300 });
  w.clock.tick(1000);
  w.XHR.pending()[0].respond(200, batch([[2, 'stdout']]));
  w.clock.tick(100);
  w.ES.last().send('stdout', 2, {});
  w.clock.tick(5000);
  assert.equal(c.transport, 'sse');
});

test('events of a type nobody listens for prove nothing about the stream', () => {
  const w = loadClient();
  const { c } = openOnSse(w, { silenceTimeout: 500, probeGrace: 300 });
  for (let i = 0; i < 3; i += 1) {
    w.clock.tick(c._silence);
    w.XHR.pending()[0].respond(200, batch([[2, 'progress', { percent: 50 }]]));
    w.clock.tick(300);
  }
  assert.equal(c.transport, 'sse');
  assert.equal(c._silence, 4000);
});

test('a failed probe says nothing about the stream: the watchdog goes on', () => {
  const w = loadClient();
  const { c } = openOnSse(w, { silenceTimeout: 1000 });
  w.clock.tick(1000);
  w.XHR.pending()[0].respond(500, 'no');
  assert.equal(c.transport, 'sse');
  assert.equal(c._silence, 1000);
  w.clock.tick(1000);
  assert.equal(w.XHR.pending().length, 1, 'probed again');
});

test('with transport sse there is no watchdog', () => {
  const w = loadClient();
  const c = w.client('', { transport: 'sse', silenceTimeout: 500 });
  w.ES.last().open();
  w.clock.tick(60000);
  assert.equal(w.XHR.requests.length, 0);
  assert.equal(c.transport, 'sse');
});
