/*
 * What the hub's page offers (hub/mode.mjs) for each kind of hub api/jobs describes: one whose
 * operators can log in, one without operators, one refusing starts now, and a read-only one (a relay);
 * and what it says while its run list cannot be brought up to date (a relay that cannot read Redis).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hubMode, listNotice } from '../../../main/resources/org/ssewatch/web/assets/hub/mode.mjs';

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

test('a run list that cannot be brought up to date is said as a problem, and then the hub\'s own notice again', () => {
  const mode = hubMode({ canStart: false, readOnly: 'This is a relay.', jobs: [] });
  const down = listNotice(mode, 'Redis cannot be reached (Connection refused)');
  assert.equal(down.notice, 'The list of runs cannot be brought up to date: Redis cannot be reached (Connection refused).'
    + ' It shows the runs as last read.');
  assert.equal(down.level, 'lost');
  assert.deepEqual(listNotice(mode, null), { notice: 'This is a relay.', level: undefined });
});
