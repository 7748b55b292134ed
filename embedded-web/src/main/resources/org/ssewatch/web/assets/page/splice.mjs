/*
 * Changing which stretch of the run the log holds (window.mjs decides when): emptying it for a
 * jump, putting a range loaded from the server above its first line, and dropping rows from its
 * end so that the DOM stays bounded. The log (log.mjs) itself only ever appends and drops from
 * the top; these are the other edits, kept apart so that its live path stays as it was.
 */
import { CHUNK_LINES } from './log.mjs';

/** Line records and line gaps of a `lines` answer, in line order, as log entries without elements. */
export function entriesOf(answer) {
  const out = [];
  (answer.lines || []).forEach((l) => {
    out.push({ n: l.line, stream: l.stream, text: typeof l.text === 'string' ? l.text : '', partial: !!l.partial,
      cont: !!l.cont, time: l.time, el: null, plain: null, match: false });
  });
  (answer.gaps || []).forEach((g) => out.push({ gap: true, lines: true, from: g.from, to: g.to, n: g.from, el: null }));
  return out.sort((a, b) => a.n - b.n);
}

/** Empties the log, model and DOM; the run's counts and the groups still open stay. */
export function clearLog(log) {
  log.recs.clear();
  log.order = [];
  log.head = 0;
  log.renderIdx = 0;
  log.dirty.clear();
  log.matches = 0;
  log.droppedLines = 0;
  log.maxDropped = 0;
  const root = log.n.log;
  while (root.firstChild) {
    root.removeChild(root.firstChild);
  }
  log.groups.boxes = [{ el: root, chunk: null, group: null }];
}

/** Appends entries of a range (after the log's last line) for rendering in the next frame. */
export function appendEntries(log, entries) {
  entries.forEach((e) => {
    if (e.gap) {
      log.push(e);
    } else if (!log.recs.has(e.n) && e.n > log.maxDropped) {
      log.recs.set(e.n, e);
      log.fitGutter(e.n);
      log.push(e);
    }
  });
}

/**
 * Puts entries (all before the log's first line) above it, rendered at once, in blocks of their
 * own at the top of the log, so that the caller can keep the reader's line in place.
 */
export function prependEntries(log, entries) {
  const fresh = entries.filter((e) => e.gap || !log.recs.has(e.n));
  const root = log.n.log;
  const first = root.firstChild;
  let chunk = null;
  fresh.forEach((e) => {
    if (!chunk || chunk.childNodes.length >= CHUNK_LINES) {
      chunk = log.doc.createElement('div');
      chunk.className = 'chunk';
      root.insertBefore(chunk, first);
    }
    if (e.gap) {
      chunk.appendChild(log.gapElement(e));
    } else {
      log.recs.set(e.n, e);
      log.fitGutter(e.n);
      chunk.appendChild(log.lineElement(e));
    }
  });
  const kept = log.order.slice(log.head);
  log.renderIdx = fresh.length + (log.renderIdx - log.head);
  log.order = fresh.concat(kept);
  log.head = 0;
  const lines = fresh.filter((e) => !e.gap);
  log.maxDropped = lines.length > 0 ? Math.min(log.maxDropped, lines[0].n - 1) : log.maxDropped;
}

/**
 * Drops rows from the end until at most `max` lines are held; returns the number of the last
 * line kept, or 0 when none had to go. Lines appended later go to the top level of the log.
 */
export function trimEnd(log, max) {
  let last = 0;
  while (log.recs.size > max && log.order.length > log.head) {
    const e = log.order.pop();
    if (e.stream) {
      log.recs.delete(e.n);
      log.dirty.delete(e);
      if (e.el && e.match) {
        log.matches -= 1;
      }
    }
    if (e.group === 'start' && e.g.el && e.g.el.parentNode) {
      e.g.el.parentNode.removeChild(e.g.el);
    }
    const chunk = !e.group && e.el && e.el.parentNode;
    if (chunk) {
      chunk.removeChild(e.el);
      if (!chunk.firstChild && chunk.parentNode) {
        chunk.parentNode.removeChild(chunk);
        log.groups.forget(chunk);
      }
    }
    last = -1;
  }
  if (last === 0) {
    return 0;
  }
  log.renderIdx = Math.min(log.renderIdx, log.order.length);
  log.groups.boxes = [{ el: log.n.log, chunk: null, group: null }];
  for (let i = log.order.length - 1; i >= log.head; i -= 1) {
    if (log.order[i].stream) {
      return log.order[i].n;
    }
  }
  return log.maxDropped;
}
