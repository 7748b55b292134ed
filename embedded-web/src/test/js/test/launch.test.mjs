/* A hub run's job, parameters and operator in the header, from api/status; other runs show none. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, START } from './support/page.mjs';
import { describeLaunch } from '../../../main/resources/org/ssewatch/web/assets/page/launch.mjs';

let p;
afterEach(() => p && p.close());

const HUB_STATUS = {
  state: 'running', command: ['./deploy.sh', '--env', 'staging'], started: START.time, host: 'h', pid: 7, title: null,
  mode: 'command', exit: null, lines: { stdout: 0, stderr: 0, stdin: 0 },
  job: 'deploy', params: { env: 'staging', tag: '<b>v1</b>' },
  startedBy: { operator: 'alice', remote: '192.0.2.7', time: START.time }
};

test('a status without a job is not a hub run', () => {
  assert.equal(describeLaunch({ state: 'running', command: ['make'] }), null);
  assert.equal(describeLaunch(null), null);
});

test('the job with its parameters, and who started it from where', () => {
  const d = describeLaunch(HUB_STATUS);
  assert.equal(d.job, 'deploy (env=staging, tag=<b>v1</b>)');
  assert.equal(d.by, 'alice from 192.0.2.7');
  assert.equal(d.at, '2024-11-23T16:40:00.000Z');
});

test('a job without parameters, started by the server itself, from nowhere', () => {
  const d = describeLaunch({ job: 'noop', params: {}, startedBy: { operator: null, remote: null, time: null } });
  assert.deepEqual([d.job, d.by, d.at], ['noop', 'the server', '']);
});

test('the header shows a hub run\'s job and operator as text, and keeps the rows hidden for other runs', () => {
  p = openPage();
  assert.equal(p.$('job').parentNode.hidden, true);
  p.status(HUB_STATUS);
  assert.equal(p.$('job').textContent, 'deploy (env=staging, tag=<b>v1</b>)');
  assert.equal(p.$('job').children.length, 0, 'text only: a parameter\'s markup stays text');
  assert.equal(p.$('job').title, 'env=staging\ntag=<b>v1</b>');
  assert.equal(p.$('by').textContent, 'alice from 192.0.2.7');
  assert.equal(p.$('job').parentNode.hidden, false);
  assert.equal(p.$('by').parentNode.hidden, false);
  p.close();
  p = openPage();
  p.status({ state: 'running', command: ['make'], started: START.time, lines: { stdout: 0, stderr: 0 } });
  assert.equal(p.$('job').parentNode.hidden, true);
  assert.equal(p.$('by').parentNode.hidden, true);
});
