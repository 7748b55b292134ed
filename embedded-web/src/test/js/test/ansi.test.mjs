import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { parseAnsi, stripAnsi, renderAnsi, colour256 } from '../../../main/resources/org/ssewatch/web/assets/page/ansi.mjs';

const ESC = '\x1b';

function styles(text) {
  return parseAnsi(text).map((s) => [s.text, Object.keys(s.st).filter((k) => s.st[k] !== false && s.st[k] !== null)
    .map((k) => (s.st[k] === true ? k : k + '=' + s.st[k])).join(' ')]);
}

test('plain text is one unstyled segment, tabs kept', () => {
  assert.deepEqual(styles('a\tb <b>&amp;</b>'), [['a\tb <b>&amp;</b>', '']]);
});

test('SGR codes set and reset bold, colours, underline and inverse', () => {
  assert.deepEqual(styles(ESC + '[1;31mred' + ESC + '[22m thin' + ESC + '[0m plain' + ESC + '[4;93mul' + ESC + '[m'),
    [['red', 'b fg=1'], [' thin', 'fg=1'], [' plain', ''], ['ul', 'u fg=11']]);
  assert.deepEqual(styles(ESC + '[7;42minv' + ESC + '[27;49m' + 'x'), [['inv', 'inv bg=2'], ['x', '']]);
  assert.deepEqual(styles(ESC + '[1;2;3;9;8mall' + ESC + '[22;23;29;28mnone'), [['all', 'b d i s hid'], ['none', '']]);
  assert.deepEqual(styles(ESC + '[4:0mnot underlined' + ESC + '[21mdouble'), [['not underlined', ''], ['double', 'u']]);
});

test('256 colours and truecolour, in semicolon and colon forms', () => {
  assert.deepEqual(styles(ESC + '[38;5;196mA' + ESC + '[48;2;1;2;3mB' + ESC + '[38:2::10:20:30mC' + ESC + '[38:5:240mD'), [
    ['A', 'fg=196'], ['B', 'fg=196 bg=rgb(1,2,3)'], ['C', 'fg=rgb(10,20,30) bg=rgb(1,2,3)'], ['D', 'fg=240 bg=rgb(1,2,3)']]);
  assert.equal(colour256(196), 'rgb(255,0,0)');
  assert.equal(colour256(16), 'rgb(0,0,0)');
  assert.equal(colour256(244), 'rgb(128,128,128)');
  // out of range: ignored, and the arguments are still consumed
  assert.deepEqual(styles(ESC + '[38;5;300;1mX'), [['X', 'b']]);
});

test('other escape sequences and control characters are removed, whatever they would do', () => {
  const text = 'a' + ESC + '[2K' + ESC + '[10;20H' + 'b' + ESC + ']0;window title\x07' + 'c' + ESC + ']8;;http://x' + ESC + '\\' +
    'd' + ESC + '(B' + 'e' + '\x00\x08\x7f' + 'f' + '\x9b' + '31m' + 'g' + '\x9d' + 'osc\x9c' + 'h' + ESC + 'Pdcs' + ESC + '\\' + 'i';
  assert.equal(stripAnsi(text), 'abcdefghi');
  // a CSI SGR with a private marker or intermediates is not SGR
  assert.deepEqual(styles(ESC + '[?1mA' + ESC + '[1 mB'), [['AB', '']]);
});

test('an unterminated sequence at the end is dropped with what follows it, text before it kept', () => {
  assert.equal(stripAnsi('done ' + ESC + '[1;3'), 'done ');
  assert.equal(stripAnsi('done ' + ESC + ']0;title never ends'), 'done ');
  assert.equal(stripAnsi('done ' + ESC), 'done ');
  assert.equal(stripAnsi('x' + ESC + '[1\x01y'), 'xy', 'a malformed CSI is dropped up to the bad byte');
});

test('rendering makes spans with classes and CSSOM styles, and text nodes only', () => {
  const { document } = new JSDOM('<div id=c>old</div>').window;
  const c = document.getElementById('c');
  renderAnsi(c, 'a' + ESC + '[1;31mB' + ESC + '[38;5;21;48;2;9;8;7mC' + ESC + '[0m<img src=x onerror=alert(1)>', []);
  assert.equal(c.innerHTML, 'a<span class="sgr-b fg1">B</span>' +
    '<span class="sgr-b" style="color: rgb(0, 0, 255); background-color: rgb(9, 8, 7);">C</span>&lt;img src=x onerror=alert(1)&gt;');
  renderAnsi(c, ESC + '[7mboth' + ESC + '[0;7;32mfg', []);
  assert.equal(c.innerHTML, '<span class="fginv bginv">both</span><span class="fginv bg2">fg</span>');
});

test('marks cover the ranges of the plain text, across style changes', () => {
  const { document } = new JSDOM('<div id=c></div>').window;
  const c = document.getElementById('c');
  // plain text: "error: err" ; marks on "err" (0-3) and "or: e" (3-8)
  renderAnsi(c, ESC + '[31merror' + ESC + '[0m: err', [0, 3, 3, 8]);
  assert.equal(c.innerHTML, '<span class="fg1"><mark>err</mark><mark>or</mark></span><mark>: e</mark>rr');
  assert.equal(c.textContent, 'error: err');
});
