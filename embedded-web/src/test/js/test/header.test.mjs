/* The header: the run's details, its state (chip, favicon, title), the connection, notifications. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, START, exitPayload } from './support/page.mjs';
import { describeExit } from '../../../main/resources/org/ssewatch/web/assets/page/header.mjs';

let p;
afterEach(() => p && p.close());

function state(p) {
  return [p.$('state').getAttribute('data-state'), p.$('state').textContent, p.$('favicon').getAttribute('href'), p.doc.title];
}

test('before anything arrives the page says connecting', () => {
  p = openPage();
  assert.deepEqual(state(p), ['connecting', 'connecting', 'favicon.svg?running#running', '\u25B6 connecting \u2014 ssewatch']);
  assert.equal(p.doc.documentElement.getAttribute('data-state'), 'connecting');
  assert.equal(p.$('transport').textContent, 'Server-Sent Events');
  assert.equal(p.$('transport').getAttribute('data-transport'), 'sse');
});

test('the start event fills in the command, quoted as for a shell, and the run is running', () => {
  p = openPage();
  p.source.emit('start', Object.assign({}, START, { command: ['echo', "it's", '<b>x</b>', 'a-b/c.d'] }));
  p.frame();
  assert.equal(p.$('command').textContent, "echo 'it'\\''s' '<b>x</b>' a-b/c.d");
  assert.equal(p.$('command').title, "echo 'it'\\''s' '<b>x</b>' a-b/c.d\nin /src");
  assert.equal(p.$('host').textContent, 'buildbox');
  assert.equal(p.$('pid').textContent, '4242');
  assert.equal(p.$('title').hidden, true);
  assert.equal(p.$('started').title, '2024-11-23T16:40:00.000Z');
  assert.deepEqual(state(p).slice(0, 3), ['running', 'running', 'favicon.svg?running#running']);
  assert.equal(p.doc.title, "\u25B6 running \u2014 echo 'it'\\''s' '<b>x</b>' a-b/c.d \u2014 ssewatch");
});

test('a title is shown, and names the run in the document title; pipe mode says standard input', () => {
  p = openPage();
  p.source.emit('start', Object.assign({}, START, { title: 'Nightly <export>', command: [], mode: 'pipe', pid: null }));
  p.frame();
  assert.equal(p.$('title').textContent, 'Nightly <export>');
  assert.equal(p.$('title').hidden, false);
  assert.equal(p.$('command').textContent, '(standard input)');
  assert.equal(p.$('pid').textContent, '\u2013');
  assert.equal(p.doc.title, '\u25B6 running \u2014 Nightly <export> \u2014 ssewatch');
});

test('api/status fills in the header when the start event is not there yet, and the end', () => {
  p = openPage();
  assert.equal(p.XHR.pending()[0].url, 'api/status');
  p.status({ state: 'exited', command: ['make'], started: START.time, host: 'h2', pid: 7, title: null, mode: 'command',
    exit: exitPayload({ code: 2, status: 2 }), lines: { stdout: 3, stderr: 1, stdin: 0 } });
  assert.equal(p.$('command').textContent, 'make');
  assert.equal(p.$('host').textContent, 'h2');
  assert.deepEqual(state(p), ['failed', 'failed with 2', 'favicon.svg?failed#failed', '\u2716 failed with 2 \u2014 make \u2014 ssewatch']);
  assert.equal(p.$('elapsed').textContent, '1m 05s');
});

test('the exit event ends the run: state, elapsed time, the final counts from api/status', () => {
  p = openPage();
  p.status({ started: START.time, command: ['make'], lines: { stdout: 0, stderr: 0 } });
  p.source.emit('start', START);
  p.line(1, 'a');
  p.line(2, 'b', { cont: true });
  p.source.emit('exit', exitPayload({ duration: 3725000 }));
  p.frame();
  assert.deepEqual(state(p).slice(0, 3), ['ok', 'exited 0', 'favicon.svg?ok#ok']);
  assert.equal(p.doc.title, "\u2714 exited 0 \u2014 make -j8 'all tests' \u2014 ssewatch");
  assert.equal(p.$('elapsed').textContent, '1h 02m 05s');
  assert.equal(p.$('counts').textContent, '2 out \u00B7 0 err');
  // the server counts the split line once
  p.status({ lines: { stdout: 1, stderr: 0, stdin: 0 }, exit: exitPayload() });
  assert.equal(p.$('counts').textContent, '1 out \u00B7 0 err');
  assert.equal(p.$('counts').getAttribute('data-stdout'), '1');
});

test('the elapsed time ticks each second while the run goes on, and stops at the end', (t) => {
  let now = START.time + 5000;
  t.mock.method(Date, 'now', () => now);
  p = openPage();
  p.source.emit('start', START);
  p.frame();
  assert.equal(p.$('elapsed').textContent, '5s');
  now += 2000;
  p.clock.tick(1000);
  assert.equal(p.$('elapsed').textContent, '7s');
  now += 60000;
  p.clock.tick(1000);
  assert.equal(p.$('elapsed').textContent, '1m 07s');
  p.source.emit('exit', exitPayload({ duration: 9000 }));
  p.frame();
  now += 60000;
  p.clock.tick(3000);
  assert.equal(p.$('elapsed').textContent, '9s');
});

test('how the run ended, in words', () => {
  const cases = [
    [null, 'running', 'running'],
    [{ reason: 'exited', code: 0 }, 'ok', 'exited 0'],
    [{ reason: 'exited', code: 3 }, 'failed', 'failed with 3'],
    [{ reason: 'signaled', signal: 'SIGTERM', code: null, status: 143 }, 'killed', 'killed by SIGTERM'],
    [{ reason: 'signaled', signal: null }, 'killed', 'killed by a signal'],
    [{ reason: 'not-found', code: 127 }, 'failed', 'command not found (127)'],
    [{ reason: 'not-executable', code: 126 }, 'failed', 'not executable (126)'],
    [{ reason: 'failed', code: null, status: 125 }, 'failed', 'could not start'],
    [{ reason: 'interrupted', code: null, status: 125 }, 'failed', 'interrupted'],
    [{ reason: 'eof', code: null, status: 0 }, 'ok', 'input ended'],
    [{ reason: 'eof', code: null, status: 1 }, 'failed', 'input ended, status 1'],
    [{ reason: 'exited', code: null, status: 4 }, 'failed', 'failed with 4']];
  for (const [x, st, text] of cases) {
    assert.deepEqual(describeExit(x), { state: st, text: text }, JSON.stringify(x));
  }
});

test('a killed run shows its message on the chip', () => {
  p = openPage();
  p.source.emit('exit', exitPayload({ reason: 'signaled', signal: 'SIGKILL', code: null, status: 137, message: 'killed after 5s' }));
  p.frame();
  assert.deepEqual(state(p).slice(0, 3), ['killed', 'killed by SIGKILL', 'favicon.svg?failed#failed']);
  assert.equal(p.$('state').title, 'killed after 5s');
});

test('a lost connection says so and when it retries; a restored one says so for 4 seconds', () => {
  p = openPage();
  p.source.emit('start', START);
  p.frame();
  p.source.fire('error', { reason: 'network error', retryIn: 2400 });
  assert.deepEqual(state(p).slice(0, 2), ['lost', 'running? (offline)']);
  assert.equal(p.$('notice').textContent, 'Connection lost (network error). Retrying in 2 s.');
  assert.equal(p.$('notice').getAttribute('data-kind'), 'lost');
  p.source.fire('open', { transport: 'sse' });
  assert.deepEqual(state(p).slice(0, 2), ['running', 'running']);
  assert.equal(p.$('notice').textContent, 'Connection restored.');
  p.clock.tick(3999);
  assert.equal(p.$('notice').hidden, false);
  p.clock.tick(1);
  assert.equal(p.$('notice').hidden, true);
  assert.equal(p.$('notice').getAttribute('data-kind'), '');
});

test('a switch to polling is shown, and stays in the notice after other notices', () => {
  p = openPage();
  p.source.transport = 'poll';
  p.source.fire('transport', { transport: 'poll', previous: 'sse', reason: 'stream closed' });
  assert.equal(p.$('transport').textContent, 'long-polling');
  assert.equal(p.$('notice').textContent, 'Live stream unavailable (stream closed): switched to long-polling.');
  p.source.fire('error', { reason: 'network error' });
  assert.equal(p.$('notice').textContent, 'Connection lost (network error).');
  p.source.fire('open', { transport: 'poll' });
  assert.equal(p.$('notice').textContent, 'Connection restored (long-polling).');
  p.clock.tick(4000);
  assert.equal(p.$('notice').textContent, 'Using long-polling: the live stream was unavailable (stream closed).');
  assert.equal(p.$('notice').getAttribute('data-kind'), 'poll');
});

test('after the end, connection errors are not news, and the notice goes', () => {
  p = openPage();
  p.source.fire('error', { reason: 'x' });
  p.source.emit('exit', exitPayload());
  p.frame();
  assert.equal(p.$('notice').hidden, true);
  p.source.fire('error', { reason: 'stream closed' });
  assert.equal(p.$('notice').hidden, true);
  assert.equal(state(p)[0], 'ok');
});

test('on an insecure origin the notify button says why it cannot work', () => {
  p = openPage({ secure: false });
  const b = p.$('notify');
  assert.equal(b.hidden, false);
  assert.equal(b.disabled, true);
  assert.equal(b.getAttribute('data-why-not'), 'Notifications need https or localhost');
  p.close();
  p = openPage({ secure: true });
  assert.equal(p.$('notify').hidden, true, 'no Notification API: no button');
});

test('notifications: asked for on a click, sent once when the run ends', async () => {
  const sent = [];
  class FakeNotification {
    constructor(title, o) {
      sent.push([title, o.body, o.tag]);
    }

    static requestPermission() {
      return Promise.resolve('granted');
    }
  }
  p = openPage({ notification: FakeNotification });
  p.source.emit('start', Object.assign({}, START, { title: 'Deploy' }));
  p.frame();
  const b = p.$('notify');
  assert.equal(b.hidden, false);
  b.click();
  await Promise.resolve();
  assert.equal(b.textContent, 'Will notify');
  assert.equal(b.getAttribute('aria-pressed'), 'true');
  assert.equal(b.disabled, true);
  p.source.emit('exit', exitPayload({ code: 1, status: 1 }));
  p.frame();
  assert.deepEqual(sent, [['ssewatch: failed with 1', 'Deploy', 'ssewatch-exit']]);
  assert.equal(b.hidden, true);
});

test('refused notifications say so; notifications: false shows no button', async () => {
  class Refused {
    static requestPermission(cb) {
      cb('denied');
    }
  }
  p = openPage({ notification: Refused });
  p.$('notify').click();
  assert.equal(p.$('notify').textContent, 'Notifications blocked');
  p.close();
  p = openPage({ notification: Refused, notifications: false });
  assert.equal(p.$('notify').hidden, true);
});

test('the time and wrap toggles are kept across visits, and t and w toggle them', () => {
  p = openPage({ storage: { 'ssewatch.timestamps': '1', 'ssewatch.wrap': '0' } });
  const log = p.$('log');
  assert.ok(log.classList.contains('show-ts'));
  assert.ok(!log.classList.contains('wrap'));
  p.doc.body.dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 'w', bubbles: true }));
  assert.ok(log.classList.contains('wrap'));
  assert.equal(p.win.localStorage.getItem('ssewatch.wrap'), '1');
  p.$('filter').dispatchEvent(new p.win.KeyboardEvent('keydown', { key: 't', bubbles: true }));
  assert.ok(log.classList.contains('show-ts'), 'keys typed in the filter box are text');
  p.doc.body.dispatchEvent(new p.win.KeyboardEvent('keydown', { key: '/', bubbles: true }));
  assert.equal(p.doc.activeElement, p.$('filter'));
});
