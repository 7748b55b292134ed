/*
 * The status page, wired: `init(opts)` takes its DOM nodes, its window and an event source (an
 * SseWatch, or anything with addEventListener and `transport`), so tests drive it with a fake
 * source in a DOM library. app.js boots it on the real page.
 *
 * What the source sends goes through the feed (feed.mjs): a queue, and one flush per animation
 * frame. Here are the parts, the controls and the keys (keys.mjs).
 */
import { Log } from './log.mjs';
import { Header } from './header.mjs';
import { Scroller } from './scroll.mjs';
import { Annotations } from './annotations.mjs';
import { Progress } from './progress.mjs';
import { EventsPanel } from './events.mjs';
import { Window } from './window.mjs';
import { Search } from './search.mjs';
import { initToggles } from './toggles.mjs';
import { StderrJump } from './stderr.mjs';
import { Ranges } from './range.mjs';
import { EarlierMarks } from './marks.mjs';
import { Matches } from './matches.mjs';
import { onKey } from './keys.mjs';
import { Feed } from './feed.mjs';

/** The types the page gives a meaning (feed.mjs), as page.mjs has always exported them. */
export { EVENT_TYPES } from './feed.mjs';

/** The page's nodes, by key, and the ids init finds them by when not given. */
export const NODE_IDS = {
  log: 'log', state: 'state', command: 'command', title: 'title', started: 'started',
  elapsed: 'elapsed', host: 'host', pid: 'pid', counts: 'counts', transport: 'transport',
  filter: 'filter', matchCount: 'match-count', timestamps: 'opt-timestamps', sinceStart: 'opt-elapsed', wrap: 'opt-wrap',
  follow: 'opt-follow', notify: 'notify', notice: 'notice', hiddenLines: 'hidden-lines',
  empty: 'empty', newLines: 'new-lines', favicon: 'favicon',
  annotationCounts: 'annotation-counts', annotations: 'annotations', progress: 'progress',
  progressBar: 'progress-bar', progressText: 'progress-text', status: 'status-text',
  events: 'events', eventList: 'event-list', eventsToggle: 'events-toggle', laterLines: 'later-lines',
  job: 'job', by: 'by', matching: 'opt-matching', matches: 'matches'
};

class Page {
  constructor(opts) {
    const win = opts.window;
    this.n = opts.nodes;
    this.win = win;
    this.doc = win.document;
    this.source = opts.source;
    this.connect = opts.connect;
    this.feed = new Feed(this);
    this.timers = {};
    this.annotations = new Annotations({
      nodes: this.n, doc: this.doc,
      show: (el) => this.scroll.show(el),
      load: (line) => this.window.enabled && (this.goTo(line), true),
      notice: (kind, text, ms) => this.header.notice(kind, text, ms)
    });
    this.log = new Log({
      nodes: this.n, window: win, maxLines: opts.maxLines, baseUrl: opts.baseUrl, annotations: this.annotations,
      start: () => this.header.started && this.header.started.time });
    this.window = new Window({
      nodes: this.n, window: win, log: this.log, fetch: opts.fetch, baseUrl: opts.baseUrl,
      maxLines: this.log.maxLines, schedule: () => this.feed.schedule(), goTo: (line, quiet) => this.scroll.goTo(line, quiet),
      notice: (kind, text, ms) => this.header.notice(kind, text, ms)
    });
    this.search = new Search({
      nodes: this.n, window: win, fetch: opts.fetch, baseUrl: opts.baseUrl, goTo: (line) => this.goTo(line),
      near: () => this.window.reading() });
    this.log.countsElsewhere = this.search.enabled;
    this.matches = new Matches({
      nodes: this.n, window: win, fetch: opts.fetch, baseUrl: opts.baseUrl, viewer: this.search.viewer,
      time: (t) => this.log.timeText(t), over: () => this.log.ended || this.window.done
    });
    this.stderr = new StderrJump({
      window: win, fetch: opts.fetch, baseUrl: opts.baseUrl, reading: () => this.window.reading(),
      goTo: (line) => this.goTo(line), notice: (kind, text, ms) => this.header.notice(kind, text, ms)
    });
    this.ranges = new Ranges({
      window: win, fetch: opts.fetch, baseUrl: opts.baseUrl,
      notice: (kind, text, ms) => this.header.notice(kind, text, ms)
    });
    this.events = new EventsPanel({ nodes: this.n, doc: this.doc, now: () => Date.now() });
    this.header = new Header({
      nodes: this.n, window: win, source: opts.source, log: this.log, baseUrl: opts.baseUrl,
      notifications: opts.notifications,
      onExit: () => {
        this.n.follow.disabled = false;
        // Nothing more will come: lines still arriving are a late joiner's replay of the run, not news.
        this.scroll.clearNewLines();
      }
    });
    this.scroll = new Scroller({
      nodes: this.n, window: win, log: this.log, range: this.window,
      notice: (kind, text, ms) => this.header.notice(kind, text, ms),
      clearFilter: () => {
        this.n.filter.value = '';
        this.setQuery('');
      },
      schedule: () => this.feed.schedule()
    });
    this.progress = new Progress({ nodes: this.n, header: this.header });
    this.earlier = new EarlierMarks({
      fetch: opts.fetch, baseUrl: opts.baseUrl, notice: (kind, text, ms) => this.header.notice(kind, text, ms),
      annotations: this.annotations, groups: this.log.groups, header: this.header, progress: this.progress, events: this.events
    });
  }

  start() {
    const n = this.n;
    const win = this.win;
    const header = this.header;
    const scroll = this.scroll;
    if (this.source) {
      this.feed.listen(this.source);
    } else if (this.window.enabled) {
      this.window.boot().then((after) => {
        this.feed.listen(this.connect(after));
        if (after > 0) {
          this.log.tailFirst = true;
          header.fetchStatus();
          this.feed.holding = true;
          this.earlier.load(after + 1).then(() => {
            this.window.regroup(); // the groups from before the window hold its lines too
            this.feed.holding = false;
            this.feed.schedule();
          });
        }
        this.feed.schedule();
      });
    } else {
      this.feed.listen(this.connect(0));
    }

    initToggles(this.n, this.win, this.log, this.scroll);
    n.filter.addEventListener('input', () => {
      this.later('filter', 120, () => this.setQuery(n.filter.value));
    });
    n.filter.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        n.filter.value = '';
        this.setQuery('');
        n.filter.blur();
      } else if (e.key === 'Enter' && this.search.enabled) {
        e.preventDefault();
        this.win.clearTimeout(this.timers.filter);
        this.setQuery(n.filter.value);
        this.search.step(e.shiftKey ? -1 : 1);
      }
    });
    if (n.matching) {
      // the list needs the server's search; without it the filter hides what does not match
      n.matching.parentNode.hidden = !this.search.enabled;
      n.matching.addEventListener('change', () => this.showMatching());
      n.matches.addEventListener('click', (e) => {
        const line = this.matches.onClick(e);
        if (line) {
          this.toLine(line);
        }
      });
    }
    n.newLines.addEventListener('click', () => this.toTail());
    n.log.addEventListener('click', (e) => {
      if (!this.ranges.onClick(e)) {
        this.log.groups.onClick(e.target);
      }
    });
    this.doc.addEventListener('keydown', (e) => this.onKey(e));
    win.addEventListener('scroll', () => {
      if (this.matches.active) {
        this.later('matches', 80, () => this.matches.check());
        return;
      }
      scroll.onScroll();
      this.later('window', 80, () => this.window.check());
    }, { passive: true });
    win.addEventListener('hashchange', () => {
      this.leaveMatching();
      scroll.readHash(true);
    });
    if (typeof win.ResizeObserver === 'function') {
      // Blocks off screen have estimated heights (content-visibility, style.css). Scrolling far
      // lays out the blocks that come into view, and their real heights move everything after
      // them: the bottom moves away from a reader following the tail, and a permalinked line
      // away from the middle of the screen. Until the reader takes over, go back to it as the
      // log's height settles.
      new win.ResizeObserver(() => this.matches.active || scroll.settle()).observe(n.log);
      ['wheel', 'touchstart', 'mousedown', 'keydown'].forEach((type) => {
        win.addEventListener(type, () => scroll.unpin(), { passive: true, capture: true });
      });
    }
    header.initNotify();
    scroll.readHash(false);
    header.fetchStatus();
    header.startClock();
    header.showState();
  }

  // -------------------------------------------------------------- controls

  onKey(e) {
    onKey(this, e);
  }

  /** Follows the tail, loading it first when the window is elsewhere in the run. */
  toTail() {
    this.window.toTail(() => {
      this.scroll.setFollow(true);
      this.feed.schedule();
    });
    this.scroll.setFollow(true);
  }

  setQuery(q) {
    const changed = this.log.setQuery(q);
    if (changed && this.search.enabled) {
      this.search.set(q);
      this.showMatching();
    }
    if (changed && this.scroll.follow && !this.matches.active) {
      this.scroll.scrollToBottom();
    }
  }

  /** Goes to a line of the log (loading it first), out of the list of matching lines if shown. */
  goTo(line, quiet) {
    this.leaveMatching();
    this.scroll.goTo(line, quiet);
  }

  /** A line number in the list of matching lines: the permalink to that line, in the full log. */
  toLine(line) {
    this.leaveMatching();
    if (this.win.location.hash === '#L' + line) {
      this.scroll.readHash(true);
    } else {
      this.win.location.hash = '#L' + line; // hashchange goes there
    }
  }

  /** The list of matching lines, shown while the toggle is on and there is a query. */
  showMatching() {
    const q = this.n.matching && this.n.matching.checked && this.search.enabled ? this.log.query : '';
    if (q === this.matches.q && this.matches.active) {
      return;
    }
    if (!q) {
      this.leaveMatching();
      return;
    }
    this.matches.set(q, { y: this.win.scrollY, follow: this.scroll.follow, anchor: this.window.anchor() });
  }

  /** Back from the list of matching lines to the log, where the reader was (the toggle goes off). */
  leaveMatching() {
    const back = this.matches.leave();
    if (!back) {
      return;
    }
    this.matches.q = '';
    if (this.n.matching) {
      this.n.matching.checked = false;
    }
    if (back.follow) {
      this.scroll.setFollow(true);
    } else {
      this.win.scrollTo(0, back.y);
      this.window.keep(back.anchor);
    }
    this.feed.schedule();
  }

  later(name, ms, fn) {
    this.win.clearTimeout(this.timers[name]);
    this.timers[name] = this.win.setTimeout(fn, ms);
  }
}

/**
 * @param {Object} opts {source | connect, fetch?, nodes?, window?, baseUrl?, maxLines?, notifications?}
 *   source: an SseWatch (or compatible), streamed from the start; or connect(lastEventId): makes
 *   one once the window knows where to resume (tail first, window.mjs). fetch: the window's
 *   `lines` requests (without it, only what the stream brings is shown). nodes default to the
 *   page's ids in window's document; window defaults to the global one.
 * @return {Page} the running page: its log, header and scroll, and its feed (feed.flush() for tests)
 */
export function init(opts) {
  opts = opts || {};
  const win = opts.window || globalThis.window;
  const nodes = Object.assign({}, opts.nodes);
  Object.keys(NODE_IDS).forEach((key) => {
    if (!nodes[key]) {
      nodes[key] = win.document.getElementById(NODE_IDS[key]);
    }
  });
  const page = new Page({
    nodes: nodes, window: win, source: opts.source, connect: opts.connect, fetch: opts.fetch, baseUrl: opts.baseUrl,
    maxLines: opts.maxLines, notifications: opts.notifications
  });
  page.start();
  return page;
}
