/*
 * The events held while the reader is away from the tail (page/held.mjs): oldest first, bounded,
 * saying when it dropped some.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeldEvents } from '../../../main/resources/org/ssewatch/web/assets/page/held.mjs';

const ids = (list) => list.map((e) => e.id);

test('keeps what it is given, oldest first, and empties when taken', () => {
  const h = new HeldEvents(5);
  [1, 2, 3].forEach((id) => h.push({ id }));
  assert.equal(h.length, 3);
  assert.equal(h.first().id, 1);
  assert.equal(h.lost, false);
  assert.deepEqual(ids(h.take()), [1, 2, 3]);
  assert.equal(h.length, 0);
  assert.equal(h.first(), undefined);
});

test('past its bound drops the oldest and says it lost some, until taken', () => {
  const h = new HeldEvents(3);
  for (let id = 1; id <= 5; id++) {
    h.push({ id });
  }
  assert.equal(h.length, 3);
  assert.equal(h.first().id, 3);
  assert.equal(h.lost, true);
  assert.deepEqual(ids(h.take()), [3, 4, 5]);
  assert.equal(h.lost, false);
  h.push({ id: 6 });
  assert.deepEqual(ids(h.take()), [6]);
});

test('stays right across many compactions', () => {
  const h = new HeldEvents(4);
  for (let id = 1; id <= 1003; id++) {
    h.push({ id });
    assert.equal(h.length, Math.min(id, 4));
    assert.equal(h.first().id, Math.max(1, id - 3));
  }
  assert.deepEqual(ids(h.take()), [1000, 1001, 1002, 1003]);
});

test('what it dropped does not stay in memory', () => {
  const h = new HeldEvents(100);
  let most = 0;
  for (let id = 1; id <= 10000; id++) {
    h.push({ id });
    most = Math.max(most, h.events.length);
  }
  assert.ok(most <= 200, 'held ' + most + ' events for a bound of 100');
  assert.equal(h.first().id, 9901);
});
