/* Groups of lines (CI markup): their sections, counts and times, nesting, folding, and its cost. */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { openPage, START } from './support/page.mjs';

let p;
afterEach(() => p && p.close());

function section(name) {
  return p.doc.querySelector('#log section.group[data-group="' + name + '"]');
}

test('a group is a section with its title, holding its lines, counted while it runs', () => {
  p = openPage();
  p.source.emit('start', START);
  p.line(1, 'before');
  p.group('start', 'Run npm ci', 2);
  p.line(2, 'added 120 packages');
  p.frame();
  const g = section('run-npm-ci');
  assert.equal(g.querySelector('.group-title').textContent, 'Run npm ci');
  assert.equal(g.querySelector('.group-meta').textContent, '1 line');
  assert.equal(g.querySelector('.group-head').getAttribute('aria-expanded'), 'true', 'open while it runs');
  assert.ok(!g.classList.contains('ended'));
  assert.equal(p.$('L2').closest('section.group'), g, 'the line is inside the group');
  assert.equal(p.$('L1').closest('section.group'), null, 'the line before it is not');
  p.line(3, 'audited');
  p.frame();
  assert.equal(g.querySelector('.group-meta').textContent, '2 lines', 'the count follows the lines');
});

test('an ended group shows its line count and time, and folds when the markup says collapsed', () => {
  p = openPage();
  p.group('start', 'Build', 1);
  p.line(1, 'cc a.c');
  p.line(2, 'cc b.c');
  p.group('end', 'Build', 3, { time: 1732380000001 + 1500 });
  p.group('start', 'Test', 3, { collapsed: false });
  p.line(3, 'ok');
  p.group('end', 'Test', 4, { collapsed: false, time: 1732380000003 + 250 });
  p.line(4, 'after');
  p.frame();
  const build = section('build');
  assert.ok(build.classList.contains('ended'));
  assert.equal(build.querySelector('.group-meta').textContent, '2 lines \u00B7 1s');
  assert.ok(build.classList.contains('collapsed'), 'collapsed: true folds it once it ended');
  assert.equal(build.querySelector('.group-head').getAttribute('aria-expanded'), 'false');
  const t = section('test');
  assert.equal(t.querySelector('.group-meta').textContent, '1 line \u00B7 250 ms');
  assert.ok(!t.classList.contains('collapsed'), 'collapsed: false stays open');
  assert.equal(p.$('L4').closest('section.group'), null, 'a line after the end is outside');
  assert.equal(p.$('L4').previousSibling, t, 'right after the group, in the block that holds it');
  assert.ok(t.parentNode.classList.contains('chunk'), 'groups sit in blocks, as lines do');
});

test('groups nest: the inner one inside the outer one, the outer one\'s later lines after it', () => {
  p = openPage();
  p.group('start', 'Outer', 1);
  p.line(1, 'o1');
  p.group('start', 'Inner', 2);
  p.line(2, 'i1');
  p.group('end', 'Inner', 3);
  p.line(3, 'o2');
  p.group('end', 'Outer', 4);
  p.frame();
  const outer = section('outer');
  const inner = section('inner');
  assert.equal(inner.parentNode.closest('section.group'), outer);
  assert.equal(p.$('L2').closest('section.group'), inner);
  assert.equal(p.$('L3').closest('section.group'), outer);
  assert.ok(inner.compareDocumentPosition(p.$('L3')) & p.win.Node.DOCUMENT_POSITION_FOLLOWING);
  assert.equal(outer.querySelector('.group-meta').textContent.split(' \u00B7 ')[0], '3 lines', 'nested lines count too');
  assert.equal(inner.querySelector('.group-meta').textContent.split(' \u00B7 ')[0], '1 line');
});

test('a group still open when the run ends stays open, marked as never ended, not running', () => {
  p = openPage();
  p.group('start', 'Deploy', 1);
  p.line(1, 'pushing');
  p.frame();
  const g = section('deploy');
  assert.ok(!g.classList.contains('unfinished'), 'running until the run ends');
  p.group('start', 'Late', 2);
  p.source.emit('exit', { time: 1732380009000, code: 1, signal: null, status: 1, duration: 9000, reason: 'exited', message: null });
  p.frame();
  assert.ok(g.classList.contains('unfinished'));
  assert.ok(section('late').classList.contains('unfinished'), 'also one rendered after the exit was applied');
  assert.ok(!g.classList.contains('collapsed'), 'left open');
  assert.equal(g.querySelector('.group-meta').textContent, '1 line');
});

test('an end that matches no open group ends nothing', () => {
  p = openPage();
  p.group('start', 'A', 1);
  p.group('end', 'B', 1);
  p.line(1, 'still in A');
  p.frame();
  assert.equal(p.$('L1').closest('section.group'), section('a'));
});

test('a click on the head folds and unfolds it, and a group the reader opened stays open at its end', () => {
  p = openPage();
  p.group('start', 'Build', 1);
  p.line(1, 'cc');
  p.frame();
  const g = section('build');
  const head = g.querySelector('.group-head');
  assert.equal(head.tagName, 'BUTTON', 'a button: Enter and Space work as a click');
  head.click();
  assert.ok(g.classList.contains('collapsed'));
  assert.equal(head.getAttribute('aria-expanded'), 'false');
  head.querySelector('.group-title').click();
  assert.ok(!g.classList.contains('collapsed'), 'a click on the title unfolds it');
  p.group('end', 'Build', 2);
  p.frame();
  assert.ok(!g.classList.contains('collapsed'), 'the reader\'s choice wins over collapsed: true');
});

test('a permalink to a line in a folded group unfolds the groups around it', () => {
  p = openPage({ hash: '#L2' });
  p.group('start', 'Outer', 1);
  p.group('start', 'Inner', 1);
  p.line(1, 'a');
  p.line(2, 'b');
  p.group('end', 'Inner', 3);
  p.group('end', 'Outer', 3);
  p.frame();
  assert.ok(!section('outer').classList.contains('collapsed'));
  assert.ok(!section('inner').classList.contains('collapsed'));
  assert.ok(p.$('L2').classList.contains('target'));
  assert.deepEqual(p.layout.intoView.slice(-1), [{ id: 'L2', options: { block: 'center' } }]);
});

test('the cap drops the oldest lines of a group and keeps its section for the lines still shown', () => {
  p = openPage({ maxLines: 100 });
  p.group('start', 'Long', 1);
  for (let i = 1; i <= 150; i += 1) {
    p.line(i, 'l' + i);
  }
  p.frame();
  const g = section('long');
  assert.ok(g, 'the section stays');
  assert.equal(p.$('L1'), null);
  assert.equal(p.$('L150').closest('section.group'), g);
});

test('with 10,000 groups, folding one touches only its own section', async (t) => {
  p = openPage({ maxLines: 50000 });
  let line = 1;
  for (let i = 0; i < 10000; i += 1) {
    p.group('start', 'Step ' + i, line);
    p.line(line, 'step ' + i);
    line += 1;
    p.group('end', 'Step ' + i, line);
  }
  const t0 = performance.now();
  for (let f = 0; f < 100 && (p.page.feed.queue.length > 0 || p.page.log.hasUnrendered()); f += 1) {
    p.frame();
  }
  const built = performance.now() - t0;
  assert.equal(p.doc.querySelectorAll('#log section.group.collapsed').length, 10000);
  const heads = p.doc.querySelectorAll('#log .group-head');
  const mutations = [];
  const observer = new p.win.MutationObserver((list) => mutations.push(...list));
  observer.observe(p.$('log'), { subtree: true, attributes: true, childList: true, characterData: true });
  const target = heads[5000];
  const t1 = performance.now();
  for (let i = 0; i < 100; i += 1) {
    target.click();
  }
  const toggles = (performance.now() - t1) / 100;
  await new Promise((r) => setTimeout(r, 0));
  observer.disconnect();
  const touched = new Set(mutations.map((m) => m.target));
  assert.deepEqual([...touched].sort((a, b) => a.tagName.localeCompare(b.tagName)), [target, target.parentNode],
    'the section\'s class and its head\'s aria-expanded, nothing else');
  assert.equal(mutations.length, 200, 'two attributes per toggle');
  t.diagnostic('10,000 groups (10,000 lines) applied and rendered in ' + built.toFixed(0) + ' ms; one toggle ' +
    (toggles * 1000).toFixed(0) + ' \u00B5s (jsdom)');
});
