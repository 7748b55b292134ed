/* progress and status events: the bar, the percentage in the tab's title and on the favicon, the status text. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, START, exitPayload } from './support/page.mjs';
import { percent } from '../../../main/resources/org/ssewatch/web/assets/page/progress.mjs';

let p;
afterEach(() => p && p.close());

test('percent is the whole share of done in total, clamped, and null without a total', () => {
  assert.equal(percent({ done: 40, total: 100 }), 40);
  assert.equal(percent({ done: 2, total: 3 }), 66);
  assert.equal(percent({ done: 150, total: 100 }), 100);
  assert.equal(percent({ done: -1, total: 100 }), 0);
  assert.equal(percent({ done: 5 }), null);
  assert.equal(percent({ done: 5, total: 0 }), null);
  assert.equal(percent({ done: 'x', total: 10 }), null);
});

test('progress shows a bar in the header with its numbers, unit and text', () => {
  p = openPage();
  p.source.emit('start', START);
  p.frame();
  assert.equal(p.$('progress').hidden, true, 'no bar before any progress');
  p.source.emit('progress', { done: 40, total: 100, unit: 'files', text: 'copying' });
  p.frame();
  assert.equal(p.$('progress').hidden, false);
  assert.equal(p.$('progress').getAttribute('data-percent'), '40');
  assert.equal(p.$('progress-bar').getAttribute('aria-valuenow'), '40');
  assert.equal(p.$('progress-bar').style.getPropertyValue('--done'), '40%');
  assert.equal(p.$('progress-text').textContent, '40% \u00B7 40 / 100 files \u00B7 copying');
});

test('the percentage goes into the tab title and onto the favicon while running, and leaves at the end', () => {
  p = openPage();
  p.source.emit('start', START);
  p.source.emit('progress', { done: 3, total: 4 });
  p.frame();
  assert.ok(p.doc.title.startsWith('75% \u25B6 running'), p.doc.title);
  const href = p.$('favicon').getAttribute('href');
  assert.ok(href.startsWith('data:image/svg+xml,'), href);
  const svg = decodeURIComponent(href.slice('data:image/svg+xml,'.length));
  const ring = 2 * Math.PI * 22;
  assert.ok(svg.includes('stroke-dasharray="' + (ring * 0.75).toFixed(2) + ' '), 'a ring three quarters full: ' + svg);
  p.source.emit('progress', { done: 4, total: 4 });
  p.frame();
  assert.ok(p.doc.title.startsWith('100% '));
  p.source.emit('exit', exitPayload());
  p.frame();
  assert.ok(p.doc.title.startsWith('\u2714 exited 0'), p.doc.title);
  assert.equal(p.$('favicon').getAttribute('href'), 'favicon.svg?ok#ok');
});

test('progress without a total is an indeterminate bar, with no percentage anywhere', () => {
  p = openPage();
  p.source.emit('start', START);
  p.source.emit('progress', { done: 1200, unit: 'rows' });
  p.frame();
  assert.ok(p.$('progress-bar').classList.contains('indeterminate'));
  assert.equal(p.$('progress-bar').hasAttribute('aria-valuenow'), false);
  assert.equal(p.$('progress-text').textContent, '1,200 rows');
  assert.ok(p.doc.title.startsWith('\u25B6 running'), p.doc.title);
  assert.equal(p.$('favicon').getAttribute('href'), 'favicon.svg?running#running');
});

test('status text shows beside the state, as text, and an empty one hides it', () => {
  p = openPage();
  p.source.emit('start', START);
  p.frame();
  assert.equal(p.$('status-text').hidden, true);
  p.source.emit('status', { text: 'migrating <b>users</b>' });
  p.frame();
  assert.equal(p.$('status-text').hidden, false);
  assert.equal(p.$('status-text').textContent, 'migrating <b>users</b>');
  assert.equal(p.$('status-text').previousElementSibling, p.$('state'), 'beside the state chip');
  assert.equal(p.doc.querySelectorAll('#topbar b').length, 0);
  p.source.emit('status', { text: '' });
  p.frame();
  assert.equal(p.$('status-text').hidden, true);
});

test('a status text is cut at 200 characters', () => {
  p = openPage();
  p.source.emit('status', { text: 'x'.repeat(500) });
  p.frame();
  assert.equal(p.$('status-text').textContent.length, 200);
  assert.ok(p.$('status-text').textContent.endsWith('\u2026'));
});
