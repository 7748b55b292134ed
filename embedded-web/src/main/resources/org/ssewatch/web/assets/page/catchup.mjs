/*
 * Following a run that prints faster than the page can make rows (issue 16: at 10,000 lines/s the
 * page keeps up). The log makes rows oldest first, within each frame's budget; when lines come
 * faster than that, the rows being made fall behind by as much as the log's cap (19,000 lines, two
 * seconds at that rate), each made just before the cap drops it, while the reader at the tail looks
 * at lines seconds old (measured by bench `pagelive`). So while the reader follows the tail and more
 * than BEHIND lines wait for their rows, the log lets go of all but the newest few screens of them:
 * they leave as the cap's lines do, and the earlier-lines placeholder offers them again from the
 * server (window.mjs) to a reader who scrolls up. Only with the window: without one the lines
 * would be gone from the page (the hidden-lines notice would still say so, and link to log.txt);
 * and only for lines that came live, after the page opened.
 */
import { ROW_PX } from './placeholders.mjs';

const BEHIND = 4000;
const MIN_KEPT = 200;

/** The lines kept on catching up: three screens, so that the placeholder above is not in reach. */
export function keptFor(innerHeight) {
  return Math.max(MIN_KEPT, Math.ceil(3 * (innerHeight || 0) / ROW_PX));
}

/**
 * Whether the log should let go now: the reader follows the tail of a live run (not the history
 * a short run is streamed with as the page opens, which it shows whole) and too many entries wait
 * for their rows.
 */
export function fallenBehind(win, scroll, log) {
  return win.enabled && !win.detached && win.newestId > win.liveAfter && scroll.follow && scroll.target === null &&
    !log.ended && log.order.length - log.renderIdx > BEHIND;
}

/**
 * Drops the log's entries (rendered or not) before the newest `keep` lines waiting for rows, as
 * its cap would; returns the lines dropped.
 */
export function catchUp(log, keep) {
  const order = log.order;
  let i = order.length;
  let lines = 0;
  while (i > log.head && lines < keep) {
    i -= 1;
    if (order[i] && order[i].stream) {
      lines += 1;
    }
  }
  const before = log.droppedLines;
  while (log.head < i) {
    log.evict();
  }
  return log.droppedLines - before;
}
