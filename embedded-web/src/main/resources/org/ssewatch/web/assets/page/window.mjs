/*
 * The window: which stretch of the run the log holds, and loading the rest from the server's
 * `lines` endpoint (docs/PROTOCOL.md) when the reader goes there.
 *
 * - Tail first: a run longer than the log may hold is opened at its last TAIL_LINES lines, and
 *   the event stream is resumed after the answer's `lastId`, so nothing before is streamed; a
 *   shorter run is streamed whole as before (every group and annotation with it).
 * - Earlier lines are put above the first line when the reader scrolls near it, later ones below
 *   the last when the window no longer reaches the tail; a jump far away (Home, a permalink, an
 *   annotation, a drag of the scroll bar into the not-loaded part) replaces the window.
 * - While the window does not reach the tail, new lines from the stream are held (bounded), not
 *   shown; reaching the tail again applies those newer than what the range answered.
 * - What is not loaded is a placeholder above and below the log, sized as the lines it stands
 *   for (within what a browser can lay out), that says which lines they are and how to get them.
 */
import { appendEntries, clearLog, entriesOf, prependEntries, trimEnd } from './splice.mjs';
import { heldEntries, keepLines, layOut } from './layout.mjs';
import { hold, release, releases, startsHold } from './reading.mjs';
import { HeldEvents } from './held.mjs';

export const TAIL_LINES = 2000;
const RANGE_LINES = 2000;
const ROW_PX = 19.5;               // 13px/1.5 (style.css); a placeholder's height per line
const MAX_PLACEHOLDER_PX = 4e6;    // under every browser's limit for an element's height
const MAX_HELD = 20000;

function span(lo, hi) {
  return lo === hi ? 'line ' + lo.toLocaleString('en') : 'lines ' + lo.toLocaleString('en') + '\u2013' + hi.toLocaleString('en');
}

export class Window {
  /**
   * @param {Object} opts {nodes: {log, hiddenLines, laterLines}, window, log, fetch, baseUrl,
   *   schedule(), goTo(line, quiet): brings a line into view, loading it first, notice(kind, text, ms),
   *   maxLines}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.win = opts.window;
    this.log = opts.log;
    this.fetch = opts.fetch;
    this.baseUrl = opts.baseUrl || '';
    this.schedule = opts.schedule;
    this.goTo = opts.goTo;
    this.notice = opts.notice;
    this.maxLines = opts.maxLines;
    this.enabled = typeof this.fetch === 'function';
    this.log.loadable = this.enabled;
    this.total = 0;            // the run's line count, as last heard
    this.done = false;         // the run is over: total is final
    this.seenId = 0;           // the events up to this id are in what a range answered
    this.detached = false;     // the window does not reach the tail
    this.loadedTo = 0;         // while detached: the last line held
    this.held = new HeldEvents(MAX_HELD); // while detached: line events from the stream
    this.liveAfter = Infinity; // the run's last id as the page opened: after it, lines are live
    this.newestId = 0;         // the id of the newest line from the stream
    this.aside = false;        // the reader is away from the tail (scroll.mjs: not following)
    this.holding = false;      // detached only to hold new lines while the reader is away (reading.mjs)
    this.loading = null;       // {controller, what} of the request under way
    this.booting = false;
    this.lastJump = 0;
  }

  /** Asks for `lines` with these parameters; resolves with the answer, or null (failed or superseded). */
  request(query, what) {
    if (this.loading) {
      this.loading.controller.abort();
    }
    const controller = typeof this.win.AbortController === 'function' ? new this.win.AbortController() : { abort() {}, signal: undefined };
    const mine = { controller: controller, what: what };
    this.loading = mine;
    let asked;
    try {
      asked = Promise.resolve(this.fetch(this.baseUrl + 'lines?' + query, { signal: controller.signal, cache: 'no-store' }));
    } catch (e) {
      asked = Promise.reject(e);
    }
    return asked
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null)
      .then((answer) => {
        if (this.loading !== mine) {
          return null;
        }
        this.loading = null;
        if (answer) {
          this.total = Math.max(this.total, answer.total || 0);
          this.done = this.done || !!answer.done;
        }
        return answer;
      });
  }

  /** Tail first: resolves with the event id to stream after (0: the whole run). */
  boot() {
    this.booting = true;
    return this.request('tail=' + TAIL_LINES, 'tail').then((a) => {
      this.booting = false;
      this.liveAfter = a && typeof a.lastId === 'number' ? a.lastId : 0;
      if (!a || a.total <= this.maxLines) {
        return 0;
      }
      this.seed(a);
      // A finished run's last event is its exit: the stream starts with it, so that the page
      // hears of the end as it always does (after it, the server would answer 204).
      return a.done ? a.lastId - 1 : a.lastId;
    });
  }

  /** Replaces the window with a range answer. */
  seed(a) {
    clearLog(this.log);
    this.holding = false;
    this.log.maxDropped = Math.max(0, a.from - 1);
    this.seenId = Math.max(this.seenId, a.lastId || 0);
    this.detached = a.to < this.total;
    this.loadedTo = a.to;
    if (this.grouped()) {
      layOut(this.log, entriesOf(a), a.from, this.detached ? a.to : Infinity);
    } else {
      appendEntries(this.log, entriesOf(a));
    }
    this.schedule();
  }

  /** Whether the run has groups: then lines that come by range are laid out in them (layout.mjs). */
  grouped() {
    return this.log.groups.all.length > 0;
  }

  /** The groups from before the window are in (marks.mjs): the lines held go into them. */
  regroup() {
    if (this.enabled && this.grouped() && this.log.order.length > this.log.head) {
      layOut(this.log, heldEntries(this.log), this.log.maxDropped + 1, this.detached ? this.loadedTo : Infinity);
      this.schedule();
    }
  }

  /** Lines by range around those held, before (earlier) or after them, laid out with the groups. */
  regroupWith(a, earlier) {
    const log = this.log;
    const fresh = entriesOf(a).filter((e) => e.gap || !log.recs.has(e.n));
    const all = earlier ? fresh.concat(heldEntries(log)) : heldEntries(log).concat(fresh);
    const edge = keepLines(log, all, this.maxLines, earlier);
    if (earlier) {
      log.maxDropped = Math.min(log.maxDropped, a.from - 1);
      if (edge > 0) {
        this.detached = true;
        this.loadedTo = edge;
      }
    } else {
      log.maxDropped = Math.max(log.maxDropped, edge);
      this.loadedTo = a.to;
    }
    layOut(log, all, log.maxDropped + 1, this.detached && (earlier || a.to < a.total) ? this.loadedTo : Infinity);
  }

  /** A line event from the stream: whether the window took it (held or stale) instead of the log. */
  takeLive(e) {
    if (typeof e.id === 'number' && e.id <= this.seenId) {
      return true;
    }
    const line = e.data && e.data.line;
    if (typeof line === 'number') {
      this.total = Math.max(this.total, line);
    }
    if (typeof e.id === 'number') {
      this.newestId = e.id;
    }
    if (startsHold(this)) {
      hold(this);
    }
    if (!this.detached) {
      return false;
    }
    this.held.push(e);
    return true;
  }

  /** Whether the window is away from the tail as `e` comes; a hold ends first if `e` ends it. */
  awayFor(e) {
    if (releases(this, e)) {
      release(this, TAIL_LINES);
    }
    return this.detached;
  }

  /** The window reaches the tail again, as of `lastId`: what the stream brought since goes on. */
  join(a) {
    const lostSome = this.held.lost;
    const held = this.held.take();
    // some were dropped from the hold: unless the answer reaches the first one kept, ask again
    const lost = lostSome && !(held.length > 0 && typeof held[0].id === 'number' && held[0].id <= a.lastId + 1);
    if (lost) {
      this.detached = true;
      this.toTail();
      return;
    }
    this.detached = false;
    held.forEach((e) => {
      if (!(typeof e.id === 'number' && e.id <= a.lastId)) {
        this.log.applyLine(e.type, e.data || {});
      }
    });
  }

  /** Loads the lines just above the first one held. */
  loadEarlier() {
    const first = this.log.maxDropped + 1;
    if (first <= 1 || this.loading) {
      return;
    }
    const from = Math.max(1, first - RANGE_LINES);
    this.request('from=' + from + '&to=' + (first - 1), 'earlier').then((a) => {
      if (!a || this.log.maxDropped + 1 !== first) {
        return;
      }
      const anchor = this.anchor();
      if (this.grouped()) {
        this.regroupWith(a, true);
      } else {
        prependEntries(this.log, entriesOf(a));
        this.log.maxDropped = Math.min(this.log.maxDropped, a.from - 1);
        const last = trimEnd(this.log, this.maxLines);
        if (last > 0) {
          this.detached = true;
          this.loadedTo = last;
        }
      }
      this.show();
      this.keep(anchor);
      this.schedule();
    });
  }

  /** Loads the lines just below the last one held, while the window does not reach the tail. */
  loadLater() {
    if (!this.detached || this.loading || this.holding) {
      return;
    }
    const from = this.loadedTo + 1;
    this.request('from=' + from + '&to=' + (from + RANGE_LINES - 1), 'later').then((a) => {
      if (!a || !this.detached || this.loadedTo + 1 !== from) {
        return;
      }
      if (this.grouped()) {
        this.regroupWith(a, false);
      } else {
        appendEntries(this.log, entriesOf(a));
        this.loadedTo = a.to;
      }
      if (a.next === undefined && a.to >= a.total) {
        this.join(a);
      }
      this.schedule();
    });
  }

  /** Replaces the window with the lines around `line`; `then` runs once they are in the model. */
  jump(line, then) {
    this.lastJump = line;
    const from = Math.max(1, line - RANGE_LINES / 2);
    this.request('from=' + from + '&to=' + (from + RANGE_LINES - 1), 'jump').then((a) => {
      if (!a) {
        return;
      }
      this.seed(a);
      if (!this.detached) {
        this.join(a);
      }
      if (then) {
        then();
      }
    });
  }

  /** End, or the new-lines button: back to the tail; `then` runs once it is there. */
  toTail(then) {
    release(this, TAIL_LINES);
    if (!this.detached) {
      if (then) {
        then();
      }
      return;
    }
    this.request('tail=' + TAIL_LINES, 'tail').then((a) => {
      if (!a) {
        return;
      }
      this.seed(a);
      this.join(a);
      if (then) {
        then();
      }
    });
  }

  /**
   * Where a permalinked line stands: 'here' (held), 'wait' (being loaded, or not yet written),
   * 'none' (not in this run, or lost in a gap).
   */
  want(line) {
    if (this.log.recs.has(line)) {
      return 'here';
    }
    if (this.booting || this.loading) {
      return 'wait';
    }
    const above = line <= this.log.maxDropped;
    const below = this.detached && line > this.loadedTo;
    if (!above && !below) {
      // the stream brings it, or it is lost in a gap, or not written yet
      return this.log.ended || (this.done && line > this.total) ? 'none' : 'wait';
    }
    if (this.lastJump === line) {
      return 'none';
    }
    this.jump(line, () => this.schedule());
    return 'wait';
  }

  /** The first line on screen and where it is, to keep it there when rows go in above. */
  anchor() {
    const root = this.n.log;
    const rows = root.querySelectorAll('.line[data-line]');
    for (let i = 0; i < rows.length; i += 1) {
      const top = rows[i].getBoundingClientRect().top;
      if (top >= 0) {
        return { el: rows[i], top: top };
      }
    }
    return null;
  }

  /** The number of the first line on screen, 0 if none is. */
  reading() {
    const a = this.anchor();
    return a ? Number(a.el.getAttribute('data-line')) || 0 : 0;
  }

  keep(anchor) {
    if (anchor && anchor.el.parentNode) {
      const moved = anchor.el.getBoundingClientRect().top - anchor.top;
      if (Math.abs(moved) >= 1) {
        this.win.scrollBy(0, moved);
      }
    }
  }

  /**
   * After a scroll: near the edge of what is held, load what is beyond it; deep inside a
   * placeholder (a drag of the scroll bar), jump to the line that stands there.
   */
  check() {
    if (!this.enabled || this.loading || this.booting) {
      return;
    }
    const h = this.win.innerHeight;
    const top = this.n.hiddenLines;
    const bottom = this.n.laterLines;
    if (!top.hidden) {
      const r = top.getBoundingClientRect();
      // While the filter hides the lines that do not match, what is shown is short and the reader
      // stands in a placeholder without having dragged anything there.
      if (r.bottom > h && !(this.log.query && this.log.hidesNonMatching())) {
        const count = this.log.maxDropped;
        this.goTo(Math.max(1, Math.min(count, Math.round((h / 2 - r.top) / r.height * count))), true);
        return;
      }
      if (r.bottom > -2 * h) {
        this.loadEarlier();
        return;
      }
    }
    if (bottom && !bottom.hidden && !this.holding) {
      const r = bottom.getBoundingClientRect();
      if (r.top < 0 && !(this.log.query && this.log.hidesNonMatching())) {
        const count = this.total - this.loadedTo;
        this.goTo(this.loadedTo + Math.max(1, Math.round((h / 2 - r.top) / r.height * count)), true);
      } else if (r.top < 3 * h) {
        this.loadLater();
      }
    }
  }

  /** After a flush: the placeholders for the lines not loaded above and below. */
  show() {
    if (!this.enabled) {
      return;
    }
    const before = this.log.maxDropped;
    this.placeholder(this.n.hiddenLines, before > 0 ? 1 : 0, before,
      ' not loaded \u2014 scroll up or press Home');
    const bottom = this.n.laterLines;
    if (bottom) {
      const lo = this.loadedTo + 1;
      this.placeholder(bottom, this.detached ? lo : 0, this.total,
        ' not loaded \u2014 scroll down or press End' + (this.held.length ? ' (' + this.held.length.toLocaleString('en') + ' new)' : ''));
    }
  }

  placeholder(el, lo, hi, words) {
    if (!lo || hi < lo) {
      el.hidden = true;
      el.removeAttribute('data-from');
      return;
    }
    const text = span(lo, hi) + words;
    if (el.textContent !== text) {
      el.textContent = text;
    }
    el.setAttribute('data-from', String(lo));
    el.setAttribute('data-to', String(hi));
    el.style.height = Math.min(el === this.n.laterLines && this.holding ? ROW_PX : MAX_PLACEHOLDER_PX, Math.max(1, hi - lo + 1) * ROW_PX) + 'px';
    el.hidden = false;
  }
}
