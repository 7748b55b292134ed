/*
 * What the hub's page offers (hub/mode.mjs) for each kind of hub api/jobs describes: one whose
 * operators can log in, one without operators, one refusing starts now, and a read-only one (a relay).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hubMode } from '../../../main/resources/org/ssewatch/web/assets/hub/mode.mjs';

test('a hub with operators shows its jobs and the login form, and says nothing', () => {
  assert.deepEqual(hubMode({ canStart: true, jobs: [{ name: 'build' }] }), { jobs: true, login: true, notice: '', level: undefined });
});

test('a hub without operators shows its jobs without a login form, and says why', () => {
  const m = hubMode({ canStart: false, jobs: [{ name: 'build' }] });
  assert.equal(m.jobs, true);
  assert.equal(m.login, false);
  assert.match(m.notice, /without --operators/);
});

test('a read-only hub shows no jobs and no login form, and says what it gave as the reason', () => {
  const why = 'This is a relay: it shows the runs published to Redis, read only.';
  assert.deepEqual(hubMode({ canStart: false, readOnly: why, jobs: [] }), { jobs: false, login: false, notice: why, level: undefined });
});

test('a hub that refuses starts now (past --max-disk) keeps its forms and says why, as a problem', () => {
  const m = hubMode({ canStart: true, refused: 'the runs use 20 MB of --max-disk 16 MB', jobs: [{ name: 'build' }] });
  assert.equal(m.jobs, true);
  assert.equal(m.login, true);
  assert.equal(m.notice, 'New runs are refused now: the runs use 20 MB of --max-disk 16 MB.');
  assert.equal(m.level, 'lost');
});
