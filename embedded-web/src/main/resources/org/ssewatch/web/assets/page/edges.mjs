/*
 * The window's edges (window.mjs), as the reader scrolls: near the first line held, the lines
 * above it are put in; near the last while the window does not reach the tail, the lines below it,
 * and reaching the tail that way joins it. Deep inside a placeholder (placeholders.mjs), where a
 * drag of the scroll bar lands, the line that stands there is jumped to instead.
 */
import { appendEntries, entriesOf, prependEntries, trimEnd } from './splice.mjs';
import { heldEntries, keepLines, layOut } from './layout.mjs';

/** The lines one `lines` request asks for, at an edge or around a line jumped to. */
export const RANGE_LINES = 2000;

/** After a scroll: near an edge of what `w` holds, loads what is beyond it; deep in a placeholder, jumps. */
export function checkEdges(w) {
  if (!w.enabled || w.loading || w.booting) {
    return;
  }
  const h = w.win.innerHeight;
  const top = w.n.hiddenLines;
  const bottom = w.n.laterLines;
  if (!top.hidden) {
    const r = top.getBoundingClientRect();
    // While the filter hides the lines that do not match, what is shown is short and the reader
    // stands in a placeholder without having dragged anything there.
    if (r.bottom > h && !(w.log.query && w.log.hidesNonMatching())) {
      const count = w.log.maxDropped;
      w.goTo(Math.max(1, Math.min(count, Math.round((h / 2 - r.top) / r.height * count))), true);
      return;
    }
    if (r.bottom > -2 * h) {
      loadEarlier(w);
      return;
    }
  }
  if (bottom && !bottom.hidden && !w.holding) {
    const r = bottom.getBoundingClientRect();
    if (r.top < 0 && !(w.log.query && w.log.hidesNonMatching())) {
      const count = w.total - w.loadedTo;
      w.goTo(w.loadedTo + Math.max(1, Math.round((h / 2 - r.top) / r.height * count)), true);
    } else if (r.top < 3 * h) {
      loadLater(w);
    }
  }
}

/** Loads the lines just above the first one held. */
function loadEarlier(w) {
  const first = w.log.maxDropped + 1;
  if (first <= 1 || w.loading) {
    return;
  }
  const from = Math.max(1, first - RANGE_LINES);
  w.request('from=' + from + '&to=' + (first - 1), 'earlier').then((a) => {
    if (!a || w.log.maxDropped + 1 !== first) {
      return;
    }
    const anchor = w.anchor();
    if (w.grouped()) {
      regroupWith(w, a, true);
    } else {
      prependEntries(w.log, entriesOf(a));
      w.log.maxDropped = Math.min(w.log.maxDropped, a.from - 1);
      const last = trimEnd(w.log, w.maxLines);
      if (last > 0) {
        w.detached = true;
        w.loadedTo = last;
      }
    }
    w.show();
    w.keep(anchor);
    w.schedule();
  });
}

/** Loads the lines just below the last one held, while the window does not reach the tail. */
function loadLater(w) {
  if (!w.detached || w.loading || w.holding) {
    return;
  }
  const from = w.loadedTo + 1;
  w.request('from=' + from + '&to=' + (from + RANGE_LINES - 1), 'later').then((a) => {
    if (!a || !w.detached || w.loadedTo + 1 !== from) {
      return;
    }
    if (w.grouped()) {
      regroupWith(w, a, false);
    } else {
      appendEntries(w.log, entriesOf(a));
      w.loadedTo = a.to;
    }
    if (a.next === undefined && a.to >= a.total) {
      w.join(a);
    }
    w.schedule();
  });
}

/** Lines by range around those held, before (earlier) or after them, laid out with the groups. */
function regroupWith(w, a, earlier) {
  const log = w.log;
  const fresh = entriesOf(a).filter((e) => e.gap || !log.recs.has(e.n));
  const all = earlier ? fresh.concat(heldEntries(log)) : heldEntries(log).concat(fresh);
  const edge = keepLines(log, all, w.maxLines, earlier);
  if (earlier) {
    log.maxDropped = Math.min(log.maxDropped, a.from - 1);
    if (edge > 0) {
      w.detached = true;
      w.loadedTo = edge;
    }
  } else {
    log.maxDropped = Math.max(log.maxDropped, edge);
    w.loadedTo = a.to;
  }
  layOut(log, all, log.maxDropped + 1, w.detached && (earlier || a.to < a.total) ? w.loadedTo : Infinity);
}
