/*
 * The window: which stretch of the run the log holds, and loading the rest from the server's
 * `lines` endpoint (docs/PROTOCOL.md) when the reader goes there.
 *
 * - Tail first: a run longer than the log may hold is opened at its last TAIL_LINES lines, and
 *   the event stream is resumed after the answer's `lastId`, so nothing before is streamed; a
 *   shorter run is streamed whole as before (every group and annotation with it).
 * - Earlier lines are put above the first line when the reader scrolls near it, later ones below
 *   the last when the window no longer reaches the tail (edges.mjs); a jump far away (Home, a
 *   permalink, an annotation, a drag of the scroll bar into the not-loaded part) replaces the window.
 * - While the window does not reach the tail, new lines from the stream are held (bounded), not
 *   shown; reaching the tail again applies those newer than what the range answered.
 * - What is not loaded is a placeholder above and below the log (placeholders.mjs).
 */
import { appendEntries, clearLog, entriesOf } from './splice.mjs';
import { heldEntries, layOut } from './layout.mjs';
import { hold, release, releases, startsHold } from './reading.mjs';
import { HeldEvents } from './held.mjs';
import { RANGE_LINES, checkEdges } from './edges.mjs';
import { showPlaceholders } from './placeholders.mjs';

export const TAIL_LINES = 2000;
const MAX_HELD = 20000;

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

  /** After a scroll: loads beyond an edge the reader is near, or jumps into a placeholder (edges.mjs). */
  check() {
    checkEdges(this);
  }

  /** After a flush: the placeholders for the lines not loaded above and below (placeholders.mjs). */
  show() {
    showPlaceholders(this);
  }
}
