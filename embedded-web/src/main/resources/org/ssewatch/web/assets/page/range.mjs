/*
 * Ranges of lines: shift-click on a line number makes the permalink a range (#L120-L140) from
 * the line last linked, and `c` copies the permalinked range as plain text (escape sequences
 * removed, as log.txt serves it). The text is read from the server's `lines`, so lines of the
 * range that are not loaded are copied too.
 */
import { stripAnsi } from './ansi.mjs';
import { plural } from './words.mjs';
import { parseLineHash } from './scroll.mjs';

const MAX_COPY = 100000;    // lines; a bigger range is for log.txt

export class Ranges {
  /** @param {Object} opts {window, fetch, baseUrl, notice(kind, text, ms)} */
  constructor(opts) {
    this.win = opts.window;
    this.fetch = opts.fetch;
    this.baseUrl = opts.baseUrl || '';
    this.notice = opts.notice;
  }

  /** A click in the log: a shift-click on a line number picks a range; returns whether it was one. */
  onClick(e) {
    const ln = e.target && e.target.closest ? e.target.closest('a.ln') : null;
    const row = ln && ln.parentNode;
    const here = parseLineHash(this.win.location.hash);
    if (!ln || !e.shiftKey || !here || !row.hasAttribute('data-line')) {
      return false;
    }
    e.preventDefault();
    const n = Number(row.getAttribute('data-line'));
    const from = Math.min(here.from, n);
    const to = n < here.from ? here.from : Math.max(n, here.from);
    this.win.location.hash = '#L' + from + '-L' + to;
    return true;
  }

  /** `c`: copies the permalinked range. */
  copy() {
    const r = parseLineHash(this.win.location.hash);
    if (!r) {
      this.notice('info', 'Click a line number, then shift-click another, to pick lines to copy.', 5000);
      return;
    }
    const clip = this.win.navigator && this.win.navigator.clipboard;
    if (!clip || typeof this.fetch !== 'function') {
      this.notice('info', 'This browser does not let the page copy (it needs https or localhost).', 6000);
      return;
    }
    if (r.to - r.from + 1 > MAX_COPY) {
      this.notice('info', 'That is more than ' + plural(MAX_COPY, 'line') + ' to copy: download log.txt instead.', 6000);
      return;
    }
    this.read(r.from, r.to, []).then((texts) => clip.writeText(texts.join('\n') + '\n').then(() => {
      const what = r.from === r.to ? 'line ' + r.from.toLocaleString('en')
        : 'lines ' + r.from.toLocaleString('en') + '\u2013' + r.to.toLocaleString('en');
      this.notice('info', 'Copied ' + what + ' (' + plural(texts.length, 'line') + ').', 4000);
    })).catch(() => this.notice('info', 'Could not copy the lines.', 6000));
  }

  /** The plain text of lines from..to, following the answers' `next`. */
  read(from, to, texts) {
    return Promise.resolve(this.fetch(this.baseUrl + 'lines?from=' + from + '&to=' + to, { cache: 'no-store' }))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((a) => {
        (a.lines || []).forEach((l) => texts.push(stripAnsi(l.text || '')));
        return typeof a.next === 'number' && a.next <= to ? this.read(a.next, to, texts) : texts;
      });
  }
}
