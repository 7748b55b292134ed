/*
 * "Only matching lines" (the toggle by the filter box, or m): instead of the log, the lines of the
 * whole run that match the filter, read page by page from the server's `search` (its hits carry
 * each line's text, stream and time: docs/PROTOCOL.md), each with its number, which goes to the
 * line in the full log. Pages are loaded as the reader scrolls down and, once dropped, again as
 * the reader scrolls back up: at most MAX_PAGES pages are in the DOM, so that the list stays
 * small beside the log (whose rows stay as they were, hidden, for the reader's return).
 *
 * A page is the hits from its `from` up to its `next` (the line after its last hit, where the next
 * page starts), so the pages dropped from the top are asked again by their `from` and `next`.
 */
import { renderAnsi } from './ansi.mjs';
import { LatestRequest } from './latest.mjs';

export const PAGE_HITS = 200;
export const MAX_PAGES = 4;

export class Matches {
  /**
   * @param {Object} opts {nodes: {matches, log, hiddenLines, laterLines}, window, fetch, baseUrl,
   *   viewer: the search's, time(t): a line's time as shown, over(): the run is over}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.win = opts.window;
    this.doc = this.win.document;
    this.o = opts;
    this.baseUrl = opts.baseUrl || '';
    this.request = new LatestRequest(this.win, opts.fetch);
    this.active = false;
    this.q = '';
    this.pages = [];           // shown, in line order: {from, next, end, rows, chunk}
    this.above = [];           // dropped from the top, in line order: {from, next}
    this.back = null;          // where the reader was in the log: {y, follow}
  }

  /** Shows the matching lines of `q` instead of the log (q empty: the log again). */
  set(q, reader) {
    if (!q) {
      this.leave();
      return;
    }
    if (!this.active) {
      this.back = reader;
      this.active = true;
      this.showLog(false);
    }
    this.q = q;
    this.reset();
    this.win.scrollTo(0, 0);
    this.loadLater();
  }

  /** Back to the log, where the reader was; returns what set() was given, or null if not shown. */
  leave() {
    if (!this.active) {
      return null;
    }
    this.active = false;
    this.request.stop();
    this.win.clearTimeout(this.timer);
    this.reset();
    this.showLog(true);
    const back = this.back;
    this.back = null;
    return back;
  }

  showLog(on) {
    this.n.log.hidden = !on;
    this.n.matches.hidden = on;
    this.n.hiddenLines.classList.toggle('matching', !on);
    if (this.n.laterLines) {
      this.n.laterLines.classList.toggle('matching', !on);
    }
  }

  reset() {
    this.request.stop();
    this.pages = [];
    this.above = [];
    const root = this.n.matches;
    root.style.setProperty('--ln-digits', this.n.log.style.getPropertyValue('--ln-digits') || '5');
    root.classList.toggle('show-ts', this.n.log.classList.contains('show-ts'));
    root.classList.toggle('wrap', this.n.log.classList.contains('wrap'));
    while (root.firstChild) {
      root.removeChild(root.firstChild);
    }
    this.head = this.row('matches-above', '');
    this.list = this.doc.createElement('div');
    this.list.className = 'matches-list';
    this.foot = this.row('matches-foot', 'Searching\u2026');
    root.appendChild(this.head);
    root.appendChild(this.list);
    root.appendChild(this.foot);
    this.showEdges();
  }

  row(cls, text) {
    const el = this.doc.createElement('p');
    el.className = 'hidden-lines ' + cls;
    el.textContent = text;
    return el;
  }

  /**
   * The hits from `from` to `to` (Infinity: the end), up to PAGE_HITS, following `continue` as
   * the search's budget runs out; then(hits, next: the line to go on from, end: the run's end was reached).
   */
  collect(from, to, hits, then) {
    const url = this.baseUrl + 'search?q=' + encodeURIComponent(this.q) + '&from=' + from +
      (to === Infinity ? '' : '&to=' + to) + '&limit=' + (PAGE_HITS - hits.length) + '&first=1&viewer=' + this.o.viewer + '-list';
    this.request.get(url, (a) => {
      if (!a || a.superseded) {
        this.foot.textContent = 'The search failed: scroll to try again.';
        return;
      }
      (a.hits || []).forEach((h) => hits.push(h));
      const next = typeof a.continue === 'number' ? a.continue : (a.searchedTo || from - 1) + 1;
      const end = typeof a.continue !== 'number';
      if (hits.length < PAGE_HITS && !end && next <= to) {
        this.collect(next, to, hits, then);
      } else {
        then(hits, next, end && to === Infinity);
      }
    });
  }

  /** The next page below the last one shown. */
  loadLater() {
    const last = this.pages[this.pages.length - 1];
    if (this.request.busy() || (last && last.end && this.o.over())) {
      return;
    }
    const from = last ? last.next : (this.above.length ? this.above[this.above.length - 1].next : 1);
    this.foot.textContent = 'Searching from line ' + from.toLocaleString('en') + '\u2026';
    this.collect(from, Infinity, [], (hits, next, end) => {
      if (!hits.length && last) {
        last.next = next; // nothing new: the last page reaches further
        last.end = end;
      } else {
        if (last) {
          last.end = false;
        }
        const page = { from: from, next: next, end: end, chunk: this.chunk(hits) };
        this.list.appendChild(page.chunk);
        this.pages.push(page);
      }
      if (this.pages.length > MAX_PAGES) {
        const gone = this.pages.shift();
        this.keepingPlace(() => this.list.removeChild(gone.chunk));
        this.above.push({ from: gone.from, next: gone.next });
      }
      this.showEdges();
      if (end && !this.o.over()) {
        this.win.clearTimeout(this.timer); // a live run: look again for what it printed since
        this.timer = this.win.setTimeout(() => this.check(), 2000);
      }
    });
  }

  /** The page above the first one shown, asked again. */
  loadEarlier() {
    if (this.request.busy() || !this.above.length) {
      return;
    }
    const p = this.above[this.above.length - 1];
    this.collect(p.from, p.next - 1, [], (hits) => {
      this.above.pop();
      const page = { from: p.from, next: p.next, end: false, chunk: this.chunk(hits) };
      this.keepingPlace(() => this.list.insertBefore(page.chunk, this.list.firstChild));
      this.pages.unshift(page);
      if (this.pages.length > MAX_PAGES) {
        this.list.removeChild(this.pages.pop().chunk);
      }
      this.showEdges();
    });
  }

  /** Runs a change above the reader, keeping the first row on screen where it is. */
  keepingPlace(change) {
    const rows = this.list.querySelectorAll('.line');
    let anchor = null;
    for (let i = 0; i < rows.length && !anchor; i += 1) {
      const top = rows[i].getBoundingClientRect().top;
      if (top >= 0) {
        anchor = { el: rows[i], top: top };
      }
    }
    change();
    if (anchor && anchor.el.parentNode) {
      const moved = anchor.el.getBoundingClientRect().top - anchor.top;
      if (Math.abs(moved) >= 1) {
        this.win.scrollBy(0, moved);
      }
    }
  }

  chunk(hits) {
    const el = this.doc.createElement('div');
    el.className = 'chunk';
    hits.forEach((h) => el.appendChild(this.element(h)));
    return el;
  }

  element(h) {
    const doc = this.doc;
    const el = doc.createElement('div');
    el.className = 'line match ' + (h.stream || 'stdout');
    el.setAttribute('data-line', h.line);
    el.setAttribute('data-stream', h.stream || 'stdout');
    const ln = doc.createElement('a');
    ln.className = 'ln';
    ln.href = '#L' + h.line;
    ln.textContent = String(h.line);
    ln.title = 'Line ' + h.line.toLocaleString('en') + ' in the full log';
    const ts = doc.createElement('span');
    ts.className = 'ts';
    ts.textContent = this.o.time(h.time);
    const text = doc.createElement('span');
    text.className = 'text';
    renderAnsi(text, typeof h.text === 'string' ? h.text : '', h.at || []);
    el.appendChild(ln);
    el.appendChild(ts);
    el.appendChild(text);
    return el;
  }

  /** What is above the first page shown and below the last. */
  showEdges() {
    const first = this.pages[0];
    this.head.textContent = this.above.length
      ? 'Earlier matching lines, before line ' + first.from.toLocaleString('en') + ' \u2014 scroll up'
      : 'Only the lines that match \u201c' + this.q + '\u201d, from the whole run; a line number shows the line in the full log.';
    const last = this.pages[this.pages.length - 1];
    if (!last) {
      return;
    }
    const shown = this.pages.reduce((n, p) => n + p.chunk.childNodes.length, 0);
    this.foot.textContent = !last.end ? 'More below: scroll down.'
      : (shown || this.above.length ? 'No more matching lines' : 'No line matches') +
        (this.o.over() ? ' in this run.' : ' so far; the run goes on.');
  }

  /** After a scroll: near the top or the bottom of the list, the page beyond it. */
  check() {
    if (!this.active) {
      return;
    }
    const h = this.win.innerHeight;
    if (this.head.getBoundingClientRect().bottom > -h && this.above.length) {
      this.loadEarlier();
    } else if (this.foot.getBoundingClientRect().top < 2 * h) {
      this.loadLater();
    }
  }

  /** A click in the list: a line number leaves the list for that line; returns the line, or 0. */
  onClick(e) {
    const ln = e.target && e.target.closest ? e.target.closest('a.ln') : null;
    if (!ln || !ln.parentNode.hasAttribute('data-line')) {
      return 0;
    }
    e.preventDefault();
    return Number(ln.parentNode.getAttribute('data-line'));
  }
}
