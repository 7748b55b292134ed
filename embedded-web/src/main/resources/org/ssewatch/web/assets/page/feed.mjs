/*
 * The feed: what the event source sends goes into a queue, and one flush per animation frame
 * applies it to the model (log.mjs, header.mjs and the rest of the page's parts) and renders it,
 * within a time budget, so that any input rate costs at most one frame of work at a time and the
 * page keeps scrolling (scroll.mjs).
 */
import { KNOWN_TYPES } from '../client/client.mjs';
import { catchUp, fallenBehind, keptFor } from './catchup.mjs';

// 6 ms of events and 2 of new rows per frame leave the browser the rest of a 16.7 ms frame for
// style, layout and the reader's scrolling: at 10,000 lines/s, 12 ms (the budget before) made
// twice the long tasks and frames of 50-67 ms instead of 33 (bench PageLive, bench/README.md)
const FRAME_BUDGET_MS = 6;
const LINE_TYPES = { stdout: true, stderr: true, stdin: true };
/** The types the page gives a meaning (the journal's own, and two by convention); others go to the events panel. */
export const EVENT_TYPES = KNOWN_TYPES.concat(['progress', 'status']);
const MEANT = new Set(EVENT_TYPES);

export class Feed {
  /** @param page the page (page.mjs), whose parts are read as the events come, once it has made them */
  constructor(page) {
    this.page = page;
    this.queue = [];
    this.scheduled = false;
    this.holding = false;      // live events wait in the queue while the earlier ones load
  }

  /** Listens to the event source: given, or (tail first) made once the window knows where to resume. */
  listen(source) {
    const header = this.page.header;
    this.page.source = source;
    header.source = source;
    EVENT_TYPES.forEach((type) => {
      source.addEventListener(type, (e) => this.enqueue(e));
    });
    source.addEventListener('message', (e) => {
      if (!MEANT.has(e.type)) {
        this.enqueue(e);
      }
    });
    source.addEventListener('open', () => header.onOpen());
    source.addEventListener('error', (e) => header.onError(e));
    source.addEventListener('transport', (e) => header.onTransport(e));
    header.showTransport();
  }

  enqueue(e) {
    this.queue.push(e);
    this.schedule();
  }

  /**
   * One flush per frame; the timer is a fallback for hidden tabs, where
   * requestAnimationFrame does not run but the model must still keep up.
   */
  schedule() {
    if (this.scheduled) {
      return;
    }
    const win = this.page.win;
    this.scheduled = true;
    const run = () => {
      win.cancelAnimationFrame(this.raf);
      win.clearTimeout(this.rafTimer);
      this.scheduled = false;
      this.flush();
    };
    this.raf = win.requestAnimationFrame(run);
    this.rafTimer = win.setTimeout(run, 500);
  }

  /** Applies what was queued (within the frame's budget) and renders it. */
  flush() {
    const now = () => this.page.win.performance.now();
    const t0 = now();
    const q = this.queue;
    let i = 0;
    while (!this.holding && i < q.length && (i % 256 !== 0 || now() - t0 < FRAME_BUDGET_MS)) {
      this.apply(q[i]);
      i += 1;
    }
    this.queue = i === q.length ? [] : q.slice(i);
    this.render(t0 + FRAME_BUDGET_MS + 2);
    if ((this.queue.length > 0 && !this.holding) || this.page.log.hasUnrendered()) {
      this.schedule();
    }
  }

  /** Renders what the events changed; new rows until `deadline`. */
  render(deadline) {
    const p = this.page;
    const log = p.log;
    log.renderDirty();
    if (fallenBehind(p.window, p.scroll, log)) {
      catchUp(log, keptFor(p.win.innerHeight));
    }
    const added = log.renderNew(deadline);
    p.header.showCounts();
    p.annotations.showCounts();
    log.showSize();
    p.window.show();
    p.n.empty.hidden = log.hasOutput();
    if (!p.n.empty.hidden && p.header.exit) {
      p.n.empty.textContent = 'No output.';
    }
    if (log.query) {
      log.showMatches();
    }
    if (!p.matches.active) {
      p.scroll.afterRender(added, !!p.header.exit);
    }
  }

  /** Applies one event to the model. */
  apply(e) {
    const p = this.page;
    const d = e.data || {};
    const away = p.window.awayFor(e);
    if (LINE_TYPES[e.type]) {
      if (!p.window.enabled || !p.window.takeLive(e)) {
        p.log.applyLine(e.type, d);
      }
    } else if (away && e.type === 'group') {
      p.log.groups.apply(d); // its rows belong at the tail, which is not shown
    } else if (away && e.type === 'annotation') {
      p.annotations.apply(d);
    } else if (away && e.type === 'gap') {
      // lines lost there are named as gaps by the `lines` answers that reach them
    } else if (e.type === 'gap') {
      p.log.applyGap(d);
    } else if (e.type === 'start') {
      p.header.setStart(d);
    } else if (e.type === 'exit') {
      p.log.ended = true;
      p.log.groups.endRun();
      p.header.setExit(d);
    } else if (e.type === 'group') {
      p.log.applyGroup(d);
    } else if (e.type === 'annotation') {
      p.log.applyAnnotation(d);
    } else if (e.type === 'progress' || e.type === 'status') {
      p.progress.apply(e.type, d);
    } else {
      p.events.add(e);
    }
  }
}
