/* Events of other types: the panel with time, type and JSON, as text, bounded. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, START } from './support/page.mjs';
import { MAX_EVENTS, MAX_JSON } from '../../../main/resources/org/ssewatch/web/assets/page/events.mjs';

let p;
afterEach(() => p && p.close());

function rows() {
  return Array.from(p.doc.querySelectorAll('#event-list .event')).map((li) =>
    [li.querySelector('.event-time').textContent, li.querySelector('.event-type').textContent,
      li.querySelector('.event-json').textContent]);
}

test('an event of another type is listed with its time, type and JSON; the page\'s own types are not', () => {
  p = openPage();
  p.source.emit('start', START);
  p.line(1, 'x');
  p.source.emit('progress', { done: 1, total: 2 });
  p.source.emit('deploy-step', { step: '<img src=x>', time: new Date(2026, 0, 1, 14, 3, 7, 42).getTime() });
  p.frame();
  assert.equal(p.$('events-toggle').hidden, false);
  assert.equal(p.$('events-toggle').textContent, '1 event');
  assert.deepEqual(rows(), [['14:03:07.042', 'deploy-step', '{"step":"<img src=x>","time":' +
    new Date(2026, 0, 1, 14, 3, 7, 42).getTime() + '}']]);
  assert.equal(p.doc.querySelectorAll('#events img').length, 0, 'text only');
  assert.equal(p.$('events').hidden, true, 'closed until asked for');
  p.$('events-toggle').click();
  assert.equal(p.$('events').hidden, false);
  assert.equal(p.$('events-toggle').getAttribute('aria-expanded'), 'true');
});

test('the panel keeps the newest ' + MAX_EVENTS + ' events and cuts long JSON', () => {
  p = openPage();
  for (let i = 1; i <= MAX_EVENTS + 50; i += 1) {
    p.source.emit('tick', { n: i });
  }
  p.source.emit('blob', { s: 'y'.repeat(5000) });
  p.frame();
  const r = rows();
  assert.equal(r.length, MAX_EVENTS);
  assert.equal(r[0][2], '{"n":52}', 'the oldest went first');
  assert.equal(r[r.length - 1][2].length, MAX_JSON);
  assert.ok(r[r.length - 1][2].endsWith('\u2026'));
  assert.equal(p.$('events-toggle').textContent, '251 events', 'the count is of all of them');
});
