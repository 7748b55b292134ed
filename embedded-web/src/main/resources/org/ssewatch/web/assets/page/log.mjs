/*
 * The log: the model of the lines kept (records, gap markers, the cap, the filter's matches) and
 * their elements, in blocks of CHUNK_LINES.
 *
 * - The DOM is capped, not virtualised: the log keeps the last `maxLines` lines (MAX_LINES by
 *   default). Older lines are dropped from the model and the DOM; with a window (window.mjs) they
 *   can be loaded again, without one a notice says how many are hidden and links to log.txt. The filter searches the lines kept. A cap
 *   keeps the browser's own find-in-page, text selection and copy working, which virtualisation
 *   breaks. Lines go into blocks of 200 (div.chunk) with `content-visibility: auto` (style.css):
 *   the browser skips style, layout and paint of off-screen blocks, and appending or dropping
 *   lines only touches the first and last block, which gets most of virtualisation's speed.
 * - Entries get their element only in renderNew, within a deadline, so lines that arrive faster
 *   than they can be rendered and would be dropped by the cap anyway are never rendered at all.
 * - Entries are line records, gap markers, group starts and ends (groups.mjs, which also decides
 *   which element new blocks go into) and annotation rows (annotations.mjs).
 */
import { renderAnsi, stripAnsi } from './ansi.mjs';
import { clockTime, elapsedTime, plural } from './words.mjs';
import { Groups } from './groups.mjs';

export const CHUNK_LINES = 200;
/** The lines the log holds at most, so that the DOM stays under 20,000 line elements. */
export const MAX_LINES = 19000;

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where `regex` matches in `plain`, as [start, end, start, end, ...]. */
function matchRanges(regex, plain) {
  const ranges = [];
  let m;
  regex.lastIndex = 0;
  while ((m = regex.exec(plain)) !== null) {
    ranges.push(m.index, m.index + m[0].length);
    if (m[0].length === 0) {
      regex.lastIndex += 1;
    }
  }
  regex.lastIndex = 0;
  return ranges;
}

export class Log {
  /**
   * @param {Object} opts {nodes: {log, matchCount, hiddenLines}, window, maxLines, baseUrl,
   *   annotations: the page's Annotations}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.win = opts.window;
    this.doc = opts.window.document;
    this.baseUrl = opts.baseUrl || '';
    this.start = opts.start || (() => null); // the run's start time, once known
    this.sinceStart = false;
    this.maxLines = Math.max(100, opts.maxLines || MAX_LINES);
    this.recs = new Map();     // line number -> record, for the lines kept
    this.order = [];           // records and gap markers, oldest first, from `head`
    this.head = 0;
    this.renderIdx = 0;        // order[renderIdx...] have no element yet
    this.dirty = new Set();    // rendered records whose content changed
    this.groups = new Groups({ doc: this.doc, root: this.n.log, perBlock: CHUNK_LINES });
    this.annotations = opts.annotations;
    this.nextLine = 1;         // the number the next new line will have, for the groups' counts
    this.droppedLines = 0;     // lines dropped by the cap
    this.maxDropped = 0;       // highest line number dropped
    this.ended = false;        // the stream delivered the exit event: every line is here
    this.counts = { stdout: 0, stderr: 0, stdin: 0 };
    this.matches = 0;
    this.query = '';
    this.regex = null;
    this.lnDigits = 0;         // the digits of the highest line number, for the gutter's width
  }

  /** Whether anything was ever shown: lines or gaps kept, or lines dropped by the cap. */
  hasOutput() {
    return this.order.length > this.head || this.droppedLines > 0;
  }

  /** Whether entries are waiting for their element. */
  hasUnrendered() {
    return this.renderIdx < this.order.length;
  }

  /** A line event, or (history) a line loaded from the server, which the run's counts already hold. */
  applyLine(stream, d, history) {
    const n = d.line;
    if (typeof n !== 'number' || n <= this.maxDropped) {
      return;
    }
    const text = typeof d.text === 'string' ? d.text : '';
    const rec = this.recs.get(n);
    if (!rec) {
      // cont: a piece of a line split at --max-line, shown as a row of its own
      const fresh = { n: n, stream: stream, text: text, partial: !!d.partial, cont: !!d.cont, time: d.time,
        el: null, plain: null, match: false };
      this.recs.set(n, fresh);
      if (!history) {
        this.counts[stream] = (this.counts[stream] || 0) + 1;
      }
      this.nextLine = Math.max(this.nextLine, n + 1);
      this.fitGutter(n);
      this.push(fresh);
      return;
    }
    // A later version of the same line replaces the earlier one (partial lines, PROTOCOL.md).
    rec.text = text;
    rec.partial = !!d.partial;
    rec.time = d.time;
    rec.plain = null;
    if (rec.el) {
      this.dirty.add(rec);
    }
  }

  /** A `gap` event (ids), or (lines) a gap in a range of lines loaded from the server. */
  applyGap(d, lines) {
    this.push({ gap: true, from: d.from, to: d.to, lines: !!lines, el: null });
  }

  applyGroup(d) {
    const entry = this.groups.apply(d);
    if (entry) {
      this.push(entry);
    }
  }

  applyAnnotation(d) {
    this.push(this.annotations.apply(d));
  }

  /**
   * The gutter is as wide as the run's highest line number, so that the text starts in the same
   * column on every line: it widens once per extra digit (at 1,000,000 and so on), for all lines.
   */
  fitGutter(n) {
    const digits = String(n).length;
    if (digits > this.lnDigits) {
      this.lnDigits = digits;
      this.n.log.style.setProperty('--ln-digits', String(Math.max(5, digits)));
    }
  }

  push(entry) {
    this.order.push(entry);
    while (this.order.length - this.head > this.maxLines) {
      this.evict();
    }
  }

  evict() {
    const old = this.order[this.head];
    if (old.group && this.renderIdx <= this.head) {
      // Its lines may outlive it: the section they go into must exist.
      this.groups.render(old);
      old.el = old.g.el;
    }
    this.order[this.head] = undefined;
    this.head += 1;
    // A group's section holds the lines after its start: it stays while they do.
    const chunk = !old.group && old.el && old.el.parentNode;
    if (chunk) {
      chunk.removeChild(old.el);
      if (!chunk.firstChild) {
        chunk.parentNode.removeChild(chunk);
        this.groups.forget(chunk);
      }
    }
    if (old.stream) {
      this.recs.delete(old.n);
      this.dirty.delete(old);
      this.droppedLines += 1;
      this.maxDropped = Math.max(this.maxDropped, old.n);
      if (old.el && old.match) {
        this.matches -= 1;
      }
    }
    if (this.renderIdx < this.head) {
      this.renderIdx = this.head;
    }
    if (this.head > 65536 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.renderIdx -= this.head;
      this.head = 0;
    }
  }

  renderDirty() {
    this.dirty.forEach((rec) => this.renderLine(rec));
    this.dirty.clear();
  }

  /** Creates elements for new entries, oldest first, until the deadline; returns how many. */
  renderNew(deadline) {
    let added = 0;
    let done = 0;
    while (this.renderIdx < this.order.length) {
      if (done % 64 === 0 && done > 0 && this.win.performance.now() > deadline) {
        break;
      }
      done += 1;
      const entry = this.order[this.renderIdx];
      this.renderIdx += 1;
      if (entry.group) {
        this.groups.render(entry);
        entry.el = entry.g.el;
        continue;
      }
      this.groups.place(entry.gap ? this.gapElement(entry)
        : entry.annotation ? (entry.el = this.annotations.element(entry.a)) : this.lineElement(entry));
      if (entry.stream) {
        added += 1;
      }
    }
    this.groups.refresh(this.nextLine);
    return added;
  }

  gapElement(g) {
    const el = this.doc.createElement('div');
    el.className = 'line gap';
    el.setAttribute('data-gap-from', g.from);
    el.setAttribute('data-gap-to', g.to);
    el.setAttribute('role', 'note');
    const count = typeof g.to === 'number' && typeof g.from === 'number' ? g.to - g.from + 1 : 0;
    const text = this.doc.createElement('span');
    text.className = 'text';
    text.textContent = g.lines
      ? '\u2026 ' + (g.from === g.to ? 'line ' + g.from : 'lines ' + g.from + '\u2013' + g.to) + ' no longer retained by the server \u2026'
      : '\u2026 ' + (count ? plural(count, 'event') : 'some events') +
        ' no longer retained by the server (ids ' + g.from + '\u2013' + g.to + '); log.txt has the lines \u2026';
    el.appendChild(text);
    g.el = el;
    return el;
  }

  lineElement(rec) {
    const el = this.doc.createElement('div');
    el.className = 'line ' + rec.stream;
    el.id = 'L' + rec.n;
    el.setAttribute('data-line', rec.n);
    el.setAttribute('data-stream', rec.stream);
    const ln = this.doc.createElement('a');
    ln.className = 'ln';
    ln.href = '#L' + rec.n;
    ln.textContent = rec.cont ? '\u21AA' : String(rec.n);
    ln.setAttribute('aria-label', 'line ' + rec.n);
    const ts = this.doc.createElement('span');
    ts.className = 'ts';
    const text = this.doc.createElement('span');
    text.className = 'text';
    el.appendChild(ln);
    el.appendChild(ts);
    el.appendChild(text);
    rec.el = el;
    rec.match = false;
    this.renderLine(rec);
    return el;
  }

  plainText(rec) {
    if (rec.plain === null) {
      rec.plain = stripAnsi(rec.text);
    }
    return rec.plain;
  }

  /** A line's time as shown: the clock's, or since the run's start when asked and the start is known. */
  timeText(time) {
    if (typeof time !== 'number') {
      return '';
    }
    const start = this.sinceStart ? this.start() : null;
    return typeof start === 'number' ? elapsedTime(time - start) : clockTime(time);
  }

  /** Times since the start (on) or the clock's: every line held shows its time again. */
  setSinceStart(on) {
    this.sinceStart = on;
    this.recs.forEach((rec) => {
      if (rec.el) {
        rec.el.childNodes[1].textContent = this.timeText(rec.time);
      }
    });
  }

  /** (Re)renders a line: its partial state, its time, then its filter state and text. */
  renderLine(rec) {
    const el = rec.el;
    const partial = rec.partial;
    el.classList.toggle('partial', partial);
    if (partial) {
      el.setAttribute('data-partial', 'true');
    } else {
      el.removeAttribute('data-partial');
    }
    el.childNodes[1].textContent = this.timeText(rec.time);
    this.applyFilter(rec, true);
  }

  /**
   * Whether the line matches the filter, its marks, and its text: rebuilt when the line changed
   * (changed), or when it matches the filter or matched the one before. A new filter
   * touches nothing else of a line, so typing in the filter box does not redo every line held.
   */
  applyFilter(rec, changed) {
    const el = rec.el;
    const wasMatch = rec.match;
    rec.match = this.regex ? this.regex.test(this.plainText(rec)) : false;
    if (this.regex) {
      this.regex.lastIndex = 0;
    }
    if (wasMatch !== rec.match) {
      this.matches += rec.match ? 1 : -1;
    }
    el.classList.toggle('nomatch', !!this.regex && !rec.match);
    el.classList.toggle('match', rec.match);
    if (changed || rec.match || wasMatch) {
      renderAnsi(el.childNodes[2], rec.text, rec.match ? matchRanges(this.regex, this.plainText(rec)) : []);
    }
  }

  /** Filters the lines kept by `q` (plain text, any case); returns whether the query changed. */
  setQuery(q) {
    if (q === this.query) {
      return false;
    }
    this.query = q;
    this.regex = q ? new RegExp(escapeRegExp(q), 'gi') : null;
    this.n.log.classList.toggle('filtering', !!q && this.hidesNonMatching());
    for (let i = this.head; i < this.renderIdx; i += 1) {
      const entry = this.order[i];
      if (entry && entry.stream && entry.el && (entry.match || this.regex)) {
        this.applyFilter(entry, false);
      }
    }
    this.showMatches();
    return true;
  }

  /**
   * Whether the filter hides the lines held that do not match: only without the server's search,
   * which lists the matching lines of the whole run instead (matches.mjs).
   */
  hidesNonMatching() {
    return !this.countsElsewhere;
  }

  showMatches() {
    if (this.countsElsewhere) {
      return; // search.mjs counts the whole run's
    }
    const m = this.matches;
    this.n.matchCount.textContent = this.query ? plural(m, 'line') + ' match' + (m === 1 ? 'es' : '') : '';
    this.n.matchCount.setAttribute('data-matches', this.query ? String(m) : '');
  }

  /** After a flush: the count of lines on the log, and the notice of the lines the cap dropped. */
  showSize() {
    this.showHidden();
    this.n.log.setAttribute('data-lines', String(this.recs.size));
  }

  showHidden() {
    const el = this.n.hiddenLines;
    if (this.loadable) {
      return; // window.mjs says which lines are not loaded, and loads them
    }
    if (this.droppedLines === 0) {
      el.hidden = true;
      return;
    }
    if (el.getAttribute('data-hidden') === String(this.droppedLines)) {
      return;
    }
    el.setAttribute('data-hidden', String(this.droppedLines));
    el.textContent = plural(this.droppedLines, 'earlier line') + ' hidden: this page keeps the last ' +
      this.maxLines.toLocaleString('en') + '. ';
    const a = this.doc.createElement('a');
    a.href = this.baseUrl + 'log.txt';
    a.textContent = 'Download log.txt';
    a.setAttribute('download', 'log.txt');
    el.appendChild(a);
    el.appendChild(this.doc.createTextNode(' for the whole output.'));
    el.hidden = false;
  }
}
