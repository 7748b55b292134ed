/*
 * Scrolling: following the tail, permalinks (#L123, #L120-L140), and keeping a line in view while
 * the layout settles. Follow mode tracks the reader: scrolling up leaves it, reaching the bottom
 * enters it. A permalinked line that is not loaded is asked of the window (window.mjs).
 */
import { plural } from './words.mjs';

/** `#L123` or `#L120-L140` as {from, to} (in order), or null. */
export function parseLineHash(hash) {
  const m = /^#L(\d+)(?:-L?(\d+))?$/.exec(hash || '');
  if (!m) {
    return null;
  }
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  return a > 0 && b > 0 ? { from: Math.min(a, b), to: Math.max(a, b) } : null;
}

export class Scroller {
  /**
   * @param {Object} opts {nodes: {follow, newLines, filter, log}, window, log, range: the Window,
   *   notice(kind, text, ms), clearFilter(), schedule()}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.win = opts.window;
    this.doc = opts.window.document;
    this.log = opts.log;
    this.range = opts.range;
    this.notice = opts.notice;
    this.clearFilter = opts.clearFilter;
    this.schedule = opts.schedule;
    this.follow = true;
    this.lastScrollY = 0;
    this.newLines = 0;         // lines that arrived below while the reader was elsewhere
    this.target = null;        // the permalinked line number to go to once it is rendered
    this.targetTo = null;      // the last line of a permalinked range
    this.pinned = null;        // the permalinked record kept in view while the layout settles
  }

  atBottom() {
    const doc = this.doc.documentElement;
    return this.win.innerHeight + this.win.scrollY >= doc.scrollHeight - 24;
  }

  /**
   * Only a decrease of scrollY counts as leaving, because lines growing below (content-visibility
   * sizing, wrapping, new output) move the bottom away without the reader doing anything.
   */
  onScroll() {
    const y = this.win.scrollY;
    const up = y < this.lastScrollY - 2;
    this.lastScrollY = y;
    const bottom = this.atBottom();
    if (bottom && !this.follow && this.target === null && !(this.range && this.range.detached && !this.range.holding)) {
      this.setFollow(true);
    } else if (!bottom && up && this.follow) {
      this.setFollow(false);
    }
  }

  /** After a layout change: back to the pinned permalink line, or to the bottom when following. */
  settle() {
    const pinned = this.pinned;
    if (pinned && pinned.el && pinned.el.parentNode && this.target === null) {
      pinned.el.scrollIntoView({ block: 'center' });
    } else if (this.follow && this.target === null && !this.atBottom()) {
      this.scrollToBottom();
    }
  }

  /** The reader took over (wheel, touch, mouse, key): stop holding the permalinked line. */
  unpin() {
    this.pinned = null;
  }

  setFollow(on) {
    this.pinned = null;
    if (on) {
      this.target = null; // the reader chose the tail over a permalinked line still to come
    }
    this.follow = on;
    this.n.follow.checked = on;
    if (this.range && this.range.enabled) {
      this.range.aside = !on;
      if (on && this.range.holding) {
        // the lines held while away (reading.mjs); if the tail had to be loaded, the reader goes to
        // its bottom, where they asked to be, even if they scrolled on while it loaded
        this.range.toTail(() => {
          this.scrollToBottom();
          this.schedule();
        });
      }
    }
    if (on) {
      this.clearNewLines();
      this.scrollToBottom();
    }
  }

  scrollToBottom() {
    this.win.scrollTo(0, this.doc.documentElement.scrollHeight);
    this.lastScrollY = this.win.scrollY;
  }

  clearNewLines() {
    this.newLines = 0;
    this.n.newLines.hidden = true;
  }

  /**
   * After new lines were rendered: go to the permalinked line, or follow the tail, or count the
   * lines that arrived below (not once the run is over: those are a replay, not news).
   */
  afterRender(added, over) {
    if (this.target !== null) {
      this.jumpToTarget();
    } else if (this.follow) {
      this.scrollToBottom();
    } else if ((added > 0 || (this.range && this.range.holding)) && !over) {
      this.newLines += added;
      const held = this.range && this.range.holding ? this.range.held.length : 0;
      this.n.newLines.textContent = plural(this.newLines + held, 'new line') + ' \u2193';
      this.n.newLines.hidden = false;
    }
  }

  // -------------------------------------------------------------- permalinks

  readHash(navigated) {
    const r = parseLineHash(this.win.location.hash);
    if (!r) {
      return;
    }
    this.target = r.from;
    this.targetTo = r.to;
    this.quiet = false;
    this.range.lastJump = 0;
    this.setFollow(false);
    if (navigated || this.log.recs.has(this.target)) {
      this.schedule();
    }
  }

  /**
   * Goes to a line, loading it first when it is not (Home, an annotation not loaded); quiet: not
   * marked, as where a drag of the scroll bar ended.
   */
  goTo(line, quiet) {
    const total = this.range && this.range.total;
    this.target = total ? Math.min(line, total) : line;
    this.targetTo = this.target;
    this.quiet = !!quiet;
    this.range.lastJump = 0;
    this.setFollow(false);
    this.schedule();
  }

  jumpToTarget() {
    const log = this.log;
    const rec = log.recs.get(this.target);
    if (this.range && this.range.enabled && !rec) {
      const where = this.range.want(this.target);
      if (where === 'none') {
        this.notice('info', 'Line ' + this.target + ' is not in this log.', 8000);
        this.target = null;
      }
      return;
    }
    if (!rec || !rec.el) {
      if (this.target <= log.maxDropped) {
        this.notice('info', 'Line ' + this.target + ' is no longer shown here; it is in log.txt.', 8000);
        this.target = null;
      } else if (log.ended && !rec) {
        // Past the end, or lost in a gap: stop waiting for it, so that following works again.
        this.notice('info', 'Line ' + this.target + ' is not in this log.', 8000);
        this.target = null;
      }
      return;
    }
    if (log.query && log.hidesNonMatching() && !rec.match && !this.quiet) {
      this.clearFilter();
    }
    const to = this.targetTo;
    this.target = null;
    if (this.quiet) {
      rec.el.scrollIntoView({ block: 'center' });
      return;
    }
    this.show(rec.el);
    for (let n = rec.n + 1; to !== null && n <= to; n += 1) {
      const r = log.recs.get(n);
      if (r && r.el) {
        r.el.classList.add('target');
      }
    }
  }

  /**
   * Brings a row of the log into the middle of the screen, marked, unfolding the groups around
   * it, and keeps it there while the layout settles.
   */
  show(el) {
    this.n.log.querySelectorAll('.line.target').forEach((old) => old.classList.remove('target'));
    this.log.groups.reveal(el);
    el.classList.add('target');
    el.scrollIntoView({ block: 'center' });
    this.setFollow(false);
    this.pinned = { el: el };
  }
}
