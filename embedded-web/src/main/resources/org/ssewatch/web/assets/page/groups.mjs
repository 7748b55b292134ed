/*
 * Groups of lines (CI markup's `group` events): the model of which are open, and their elements.
 *
 * A group is a section element whose body holds its lines (in blocks, as the log's top level
 * does) and its inner groups, so that folding one is one class on one element: no line is
 * touched or re-rendered, however many groups and lines there are. Lines go into the innermost
 * group open when they are rendered, in the order the journal gave the events.
 */
import { renderAnsi } from './ansi.mjs';
import { duration, plural } from './words.mjs';

function took(ms) {
  return ms < 1000 ? Math.max(0, Math.round(ms)) + ' ms' : duration(ms);
}

export class Groups {
  /**
   * @param {Object} opts {doc, root: the log element, perBlock: rows per block}
   */
  constructor(opts) {
    this.doc = opts.doc;
    this.root = opts.root;
    this.perBlock = opts.perBlock;
    this.open = [];                                     // model: started, not yet ended, innermost last
    this.boxes = [{ el: opts.root, chunk: null, group: null }];   // rendered: where elements go
    this.byHead = new WeakMap();                        // a group's head element -> its group
    this.all = [];                                      // model: every group heard of, in the order they started
    this.count = 0;
  }

  /** A `group` event: the log entry to render in its turn, or null for an end that ends nothing. */
  apply(d) {
    if (d.action === 'start') {
      const g = {
        name: String(d.name || ''), title: typeof d.title === 'string' ? d.title : String(d.name || ''),
        at: Number(d.at) || 0, collapsed: !!d.collapsed, time: d.time, endAt: null, endTime: null,
        el: null, toggled: false
      };
      this.open.push(g);
      this.all.push(g);
      this.count += 1;
      return { group: 'start', g: g };
    }
    if (d.action !== 'end') {
      return null;
    }
    // The innermost open group of that name; the server already ended those inside it.
    for (let i = this.open.length - 1; i >= 0; i -= 1) {
      if (this.open[i].name === String(d.name || '')) {
        const g = this.open[i];
        this.open.length = i;
        g.endAt = Number(d.at) || g.at;
        g.endTime = d.time;
        return { group: 'end', g: g };
      }
    }
    return null;
  }

  /**
   * Appends a row (a line, a gap, an annotation, a group) to the innermost group rendered and
   * open, or to the log, in its last block of up to `perBlock` rows.
   */
  place(el) {
    const box = this.boxes[this.boxes.length - 1];
    if (!box.chunk || box.chunk.childNodes.length >= this.perBlock) {
      box.chunk = this.doc.createElement('div');
      box.chunk.className = 'chunk';
      box.el.appendChild(box.chunk);
    }
    box.chunk.appendChild(el);
  }

  /** Renders a group entry: a start makes the section, an end finishes it. */
  render(entry) {
    const g = entry.g;
    if (entry.group === 'start') {
      // in a block like a line, so that the browser skips the layout of blocks of groups off
      // screen when one folds, as it does for blocks of lines
      this.place(this.element(g));
      this.boxes.push({ el: g.body, chunk: null, group: g });
      if (g.toggled && g.folded) {
        this.fold(g, true); // laid out again (a range loaded): as the reader left it
      }
      return;
    }
    const i = this.boxes.findIndex((b) => b.group === g);
    if (i > 0) {
      this.boxes.length = i;
    }
    if (g.el) {
      g.el.classList.add('ended');
      if (g.toggled ? g.folded : g.collapsed) {
        this.fold(g, true);
      }
      this.showMeta(g, g.endAt);
    }
  }

  element(g) {
    if (g.el) {
      // laid out again (layout.mjs): the same element, emptied, so that its state and what
      // points at it (the reader's focus, a pointer on its head) stay
      while (g.body.firstChild) {
        g.body.removeChild(g.body.firstChild);
      }
      return g.el;
    }
    const doc = this.doc;
    const el = doc.createElement('section');
    el.className = 'group';
    el.setAttribute('data-group', g.name);
    el.setAttribute('data-at', String(g.at));
    const head = doc.createElement('button');
    head.type = 'button';
    head.className = 'group-head';
    head.setAttribute('aria-expanded', 'true');
    const title = doc.createElement('span');
    title.className = 'group-title';
    renderAnsi(title, g.title, []);
    const meta = doc.createElement('span');
    meta.className = 'group-meta';
    head.appendChild(title);
    head.appendChild(meta);
    const body = doc.createElement('div');
    body.className = 'group-body';
    el.appendChild(head);
    el.appendChild(body);
    el.classList.toggle('unfinished', g.unfinished === true);
    g.el = el;
    g.head = head;
    g.meta = meta;
    g.body = body;
    this.byHead.set(head, g);
    return el;
  }

  /** The line count (and, once ended, the time taken) of a group, up to line `next` - 1. */
  showMeta(g, next) {
    const lines = Math.max(0, next - g.at);
    let text = plural(lines, 'line');
    if (g.endTime !== null && typeof g.endTime === 'number' && typeof g.time === 'number') {
      text += ' \u00B7 ' + took(g.endTime - g.time);
    }
    if (g.meta.textContent !== text) {
      g.meta.textContent = text;
      g.el.setAttribute('data-lines', String(lines));
    }
  }

  /** The run is over: the groups still open will never end, and say so instead of "running". */
  endRun() {
    this.open.forEach((g) => {
      g.unfinished = true;
      if (g.el) {
        g.el.classList.add('unfinished');
      }
    });
  }

  /** After a flush: the counts of the groups still running, given the next line's number. */
  refresh(next) {
    for (let i = 1; i < this.boxes.length; i += 1) {
      const g = this.boxes[i].group;
      // one that ended after the lines held (laid out from a range) has its whole count
      this.showMeta(g, g.endAt !== null ? g.endAt : next);
    }
  }

  fold(g, folded) {
    g.folded = folded;
    g.el.classList.toggle('collapsed', folded);
    g.head.setAttribute('aria-expanded', String(!folded));
  }

  /** A click (or Enter, or Space) on a group's head folds or unfolds it; returns whether it was one. */
  onClick(target) {
    const head = target && target.closest ? target.closest('.group-head') : null;
    const g = head ? this.byHead.get(head) : null;
    if (!g) {
      return false;
    }
    g.toggled = true;
    this.fold(g, !g.el.classList.contains('collapsed'));
    return true;
  }

  /** Unfolds every group around `el`, so that it can be shown. */
  reveal(el) {
    for (let p = el.parentNode; p && p !== this.root; p = p.parentNode) {
      if (p.classList && p.classList.contains('group') && p.classList.contains('collapsed')) {
        const g = this.byHead.get(p.firstChild);
        g.toggled = true;
        this.fold(g, false);
      }
    }
  }

  /**
   * The starts and ends of the groups around lines from..to (to: Infinity for the tail), as log
   * entries placed by `pos` among lines placed by their number, for lines that came by range
   * (layout.mjs): a group that started before `from` and goes on into these lines starts at
   * `from` when `around`; one that ends at or before `to + 1` ends before its end line.
   */
  entriesFor(from, to, around) {
    const out = [];
    this.all.forEach((g, i) => {
      const ends = g.endAt !== null ? g.endAt : Infinity;
      if (g.at > to || ends <= from || (g.at < from && !around)) {
        return;
      }
      const start = Math.max(g.at, from) - 0.5;
      out.push({ group: 'start', g: g, pos: start, rank: 1, i: i, el: null });
      if (ends <= to + 1) {
        // ends go before the starts at the same line, inner first; an empty group's right after its start
        const empty = ends - 0.5 <= start;
        out.push({ group: 'end', g: g, pos: start + (empty ? 0 : ends - 0.5 - start), rank: empty ? 1 : 0, i: empty ? i + 0.5 : -i, el: null });
      }
    });
    return out;
  }

  /** A block emptied by the cap went away: no box may keep adding to it. */
  forget(chunk) {
    this.boxes.forEach((b) => {
      if (b.chunk === chunk) {
        b.chunk = null;
      }
    });
  }
}
