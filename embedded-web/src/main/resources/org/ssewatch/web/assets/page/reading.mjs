/*
 * Holding the tail while the reader is elsewhere (issue 16: a live run at 10,000 lines/s scrolls
 * at 60 fps). Once the log holds its cap, every line that arrives below a reader who left the tail
 * makes a row they do not look at and drops one at the top, maybe the one they read: ~170 of each
 * per frame at that rate, and the frames no longer fit. So while the reader is away from the tail
 * (not following: scrolled up, a permalink, the follow box off) and the log is full, the window
 * detaches (window.mjs) and holds the new lines instead; the later-lines placeholder, one row tall,
 * counts them. Coming back to the bottom, End or follow lays them out; more than a tail's worth, or
 * more than were kept, loads the tail instead (the rest stays loadable above). A group, an
 * annotation, a gap or the exit ends the hold first, so that they go in after the lines before them.
 */

/** The events that end a hold before they are applied. */
const RELEASING = { group: true, annotation: true, gap: true, exit: true };

/**
 * Whether a line event arriving now starts a hold: the log holds its cap, so that each new row would
 * drop one. Under it, new lines go on below the reader as before (ScrollingBrowserIT pins that).
 */
export function startsHold(w) {
  const log = w.log;
  return w.aside && !w.detached && !log.ended && log.order.length - log.head >= w.maxLines;
}

/** Starts holding: the window ends at the last line the log has. */
export function hold(w) {
  w.detached = true;
  w.holding = true;
  w.loadedTo = Math.max(0, w.log.nextLine - 1);
}

/** Whether this event ends the hold before it is applied. */
export function releases(w, e) {
  return w.holding && RELEASING[e.type] === true;
}

/**
 * Ends a hold: the lines held go into the log, and the window reaches the tail again; too many
 * (over `most`, or some lost) and it stays detached as after a jump, for the tail to be loaded.
 */
export function release(w, most) {
  if (!w.holding) {
    return;
  }
  w.holding = false;
  if (w.held.lost || w.held.length > most) {
    return;
  }
  const held = w.held.take();
  w.detached = false;
  held.forEach((e) => w.log.applyLine(e.type, e.data || {}));
}
