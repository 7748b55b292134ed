/*
 * Laying out lines that came by range (window.mjs: a jump, the tail, earlier or later lines) in
 * their groups (groups.mjs), so that a group holds and folds its lines whichever way they came:
 * the lines, gaps and annotation rows are put in order again, with the starts and ends of the
 * groups around them (from what the stream and `marks` said), into a log emptied of its rows.
 * Rows that have their element keep it (moved, not made again), so only the new lines are rendered.
 */

/** A line's or a gap's place among the groups' starts and ends (groups.mjs entriesFor). */
function place(entries) {
  let last = 0;
  return entries.map((e) => {
    if (e.stream) {
      last = e.n;
    } else if (e.gap) {
      last = e.from;
    } else {
      last += 0.001; // an annotation row: after the line before it
    }
    return { e: e, pos: last, rank: 2, i: 0 };
  });
}

/**
 * Lays out `entries` (no group entries: in line order, as the log holds them) holding lines
 * from..to (to: Infinity when they reach the tail), with the groups around them; the log's rows
 * are replaced by them, rendered.
 */
export function layOut(log, entries, from, to) {
  const groups = log.groups.entriesFor(from, to, true).map((g) => ({ e: g, pos: g.pos, rank: g.rank, i: g.i }));
  const all = place(entries).concat(groups).sort((a, b) => a.pos - b.pos || a.rank - b.rank || a.i - b.i);
  const root = log.n.log;
  while (root.firstChild) {
    root.removeChild(root.firstChild);
  }
  log.groups.boxes = [{ el: root, chunk: null, group: null }];
  const order = [];
  all.forEach(({ e }) => {
    order.push(e);
    if (e.group) {
      log.groups.render(e);
      e.el = e.g.el;
      return;
    }
    if (e.stream && !log.recs.has(e.n)) {
      log.recs.set(e.n, e);
      log.fitGutter(e.n);
    }
    if (e.stream) {
      log.nextLine = Math.max(log.nextLine, e.n + 1); // for the counts of the groups still running
    }
    log.groups.place(e.el || (e.gap ? log.gapElement(e) : e.annotation ? (e.el = log.annotations.element(e.a)) : log.lineElement(e)));
  });
  log.order = order;
  log.head = 0;
  log.renderIdx = order.length;
  log.groups.refresh(log.nextLine);
}

/** The rows the log holds (rendered or not), without the groups' starts and ends, in order. */
export function heldEntries(log) {
  return log.order.slice(log.head).filter((e) => e && !e.group);
}

/**
 * Drops rows of `entries` from the end (atEnd) or the start until at most `max` lines are left,
 * forgetting the lines dropped; returns the line number beyond which (atEnd: the last kept) or up
 * to which (the start: the last dropped) lines went, or 0 when none had to.
 */
export function keepLines(log, entries, max, atEnd) {
  let lines = entries.filter((e) => e.stream).length;
  let edge = 0;
  // where the cut falls, then one splice: a shift per row is a copy of the whole array each
  let cut = atEnd ? entries.length : 0;
  while (lines > max && (atEnd ? cut > 0 : cut < entries.length)) {
    const e = atEnd ? entries[--cut] : entries[cut++];
    if (e.stream) {
      lines -= 1;
      log.recs.delete(e.n);
      log.dirty.delete(e);
      edge = atEnd ? -1 : Math.max(edge, e.n);
    }
  }
  if (atEnd) {
    entries.length = cut;
  } else {
    entries.splice(0, cut);
  }
  if (atEnd && edge) {
    const last = entries.filter((e) => e.stream).pop();
    edge = last ? last.n : log.maxDropped;
  }
  return edge;
}
