/*
 * The placeholders (page/placeholders.mjs) on a window stood in for by its fields: what they say,
 * how tall they are, and when they go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { showPlaceholders } from '../../../main/resources/org/ssewatch/web/assets/page/placeholders.mjs';

/** A window's fields as showPlaceholders reads them, with its two placeholders in a document. */
function windowAt(fields) {
  const doc = new JSDOM('<div id="hidden-lines" hidden></div><div id="later-lines" hidden></div>').window.document;
  const n = { hiddenLines: doc.getElementById('hidden-lines'), laterLines: doc.getElementById('later-lines') };
  return Object.assign({ enabled: true, n: n, log: { maxDropped: 0 }, loadedTo: 0, detached: false, total: 0,
    held: [], holding: false }, fields);
}

test('lines not loaded above and below are said, with how to get them, each as tall as its lines', () => {
  const w = windowAt({ log: { maxDropped: 10 }, detached: true, loadedTo: 2010, total: 2011 });
  showPlaceholders(w);
  const top = w.n.hiddenLines;
  const bottom = w.n.laterLines;
  assert.equal(top.hidden, false);
  assert.equal(top.textContent, 'lines 1\u201310 not loaded \u2014 scroll up or press Home');
  assert.equal(top.getAttribute('data-from'), '1');
  assert.equal(top.getAttribute('data-to'), '10');
  assert.equal(top.style.height, '195px');
  assert.equal(bottom.textContent, 'line 2,011 not loaded \u2014 scroll down or press End', 'one line is a line');
  assert.equal(bottom.style.height, '19.5px');
});

test('a placeholder for a million lines is as tall as a browser lays out, no taller', () => {
  const w = windowAt({ log: { maxDropped: 1000000 } });
  showPlaceholders(w);
  assert.equal(w.n.hiddenLines.style.height, '4000000px');
});

test('while new lines are held the one below is one row, and counts them', () => {
  const w = windowAt({ detached: true, holding: true, loadedTo: 5000, total: 9000, held: new Array(4000) });
  showPlaceholders(w);
  assert.equal(w.n.laterLines.textContent, 'lines 5,001\u20139,000 not loaded \u2014 scroll down or press End (4,000 new)');
  assert.equal(w.n.laterLines.style.height, '19.5px');
});

test('with nothing beyond the window both go, and without a window they are not touched', () => {
  const w = windowAt({ log: { maxDropped: 10 } });
  showPlaceholders(w);
  w.log.maxDropped = 0;
  showPlaceholders(w);
  assert.equal(w.n.hiddenLines.hidden, true);
  assert.equal(w.n.hiddenLines.hasAttribute('data-from'), false);
  assert.equal(w.n.laterLines.hidden, true);
  const off = windowAt({ enabled: false, log: { maxDropped: 10 } });
  showPlaceholders(off);
  assert.equal(off.n.hiddenLines.hidden, true);
  assert.equal(off.n.hiddenLines.textContent, '');
});
