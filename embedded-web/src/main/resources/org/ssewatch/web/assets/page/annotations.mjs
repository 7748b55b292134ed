/*
 * Annotations (CI markup's `annotation` events): a row in the log where each was printed, the
 * counts by level in the header, and the panel that lists them, errors first, each a button that
 * jumps to its row. Next and previous error go through the errors in the order they came.
 */
export const LEVELS = ['error', 'warning', 'notice', 'debug'];
const MARKS = { error: '\u2716', warning: '\u26A0', notice: '\u2139', debug: '\u2022' };
const NAMES = { error: 'error', warning: 'warning', notice: 'notice', debug: 'debug' };

/** file:line:col, as much of it as was given, or ''. */
export function where(a) {
  if (!a.file) {
    return typeof a.line === 'number' ? 'line ' + a.line : '';
  }
  let s = a.file;
  if (typeof a.line === 'number') {
    s += ':' + a.line;
    if (typeof a.col === 'number') {
      s += ':' + a.col;
    }
  }
  return s;
}

function span(doc, cls, text) {
  const el = doc.createElement('span');
  el.className = cls;
  el.textContent = text;
  return el;
}

export class Annotations {
  /**
   * @param {Object} opts {nodes: {annotationCounts, annotations}, doc, show(el): jumps to a row,
   *   load(line): jumps to a line that may not be loaded, notice(kind, text, ms)}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.doc = opts.doc;
    this.show = opts.show;
    this.load = opts.load;
    this.notice = opts.notice;
    this.all = [];
    this.errors = [];
    this.cursor = -1;          // the error last jumped to
    this.counts = { error: 0, warning: 0, notice: 0, debug: 0 };
    this.lists = {};
    this.earlier = null;       // {state, el}: what the panel says of the annotations before the window
    LEVELS.forEach((level) => {
      const ol = this.doc.createElement('ol');
      ol.className = 'annotation-list';
      ol.setAttribute('data-level', level);
      this.n.annotations.appendChild(ol);
      this.lists[level] = ol;
    });
    this.n.annotationCounts.addEventListener('click', () => this.togglePanel());
    this.n.annotations.addEventListener('click', (e) => {
      const item = e.target.closest && e.target.closest('[data-annotation]');
      if (item) {
        this.jump(this.all[Number(item.getAttribute('data-annotation'))]);
      }
    });
  }

  /** An `annotation` event: the log entry that will show it in its place. */
  apply(d) {
    const level = NAMES[d.level] || 'notice';
    const a = Object.assign({}, d, { level: level, seq: this.all.length, el: null, message: String(d.message || '') });
    this.all.push(a);
    if (level === 'error') {
      this.errors.push(a);
    }
    this.counts[level] += 1;
    this.listItem(a);
    this.dirty = true;
    return { annotation: true, a: a };
  }

  /** The row in the log. */
  element(a) {
    const doc = this.doc;
    const el = doc.createElement('div');
    el.className = 'line annotation';
    el.id = 'A' + (a.seq + 1);
    el.setAttribute('data-level', a.level);
    el.setAttribute('role', 'note');
    const ln = span(doc, 'ln', MARKS[a.level]);
    ln.setAttribute('aria-hidden', 'true');
    el.appendChild(ln);
    el.appendChild(span(doc, 'ts', ''));
    const text = doc.createElement('span');
    text.className = 'text';
    text.appendChild(span(doc, 'annotation-level', a.level));
    const at = where(a);
    if (at) {
      text.appendChild(span(doc, 'annotation-where', at));
    }
    if (a.title) {
      text.appendChild(span(doc, 'annotation-title', String(a.title)));
    }
    text.appendChild(doc.createTextNode(a.message));
    el.appendChild(text);
    a.el = el;
    return el;
  }

  listItem(a) {
    const doc = this.doc;
    const li = doc.createElement('li');
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'annotation-item';
    b.setAttribute('data-annotation', String(a.seq));
    b.setAttribute('data-level', a.level);
    b.appendChild(span(doc, 'annotation-mark', MARKS[a.level]));
    b.appendChild(span(doc, 'annotation-where', where(a) || 'line ' + a.at));
    b.appendChild(span(doc, 'annotation-message', (a.title ? a.title + ': ' : '') + a.message));
    li.appendChild(b);
    this.lists[a.level].appendChild(li);
  }

  /**
   * What is known of the annotations before the window (marks.mjs): 'loading', 'failed', 'gap'
   * (some were not kept), or null (all are in); said in the panel and on the counts' button.
   */
  setEarlier(state, text) {
    if (!this.earlier) {
      const p = this.doc.createElement('p');
      p.className = 'annotations-earlier';
      this.n.annotations.insertBefore(p, this.n.annotations.firstChild);
      this.earlier = { state: null, el: p };
    }
    this.earlier.state = state;
    this.earlier.el.textContent = text;
    this.earlier.el.hidden = !state;
    this.dirty = true;
  }

  /** After a flush: the counts in the header, when they changed. */
  showCounts() {
    if (!this.dirty) {
      return;
    }
    this.dirty = false;
    const el = this.n.annotationCounts;
    while (el.firstChild) {
      el.removeChild(el.firstChild);
    }
    LEVELS.forEach((level) => {
      const c = this.counts[level];
      el.setAttribute('data-' + level + 's', String(c));
      if (c > 0) {
        const s = span(this.doc, 'count', MARKS[level] + ' ' + c.toLocaleString('en'));
        s.setAttribute('data-level', level);
        s.title = c + ' ' + level + (c === 1 ? '' : 's');
        el.appendChild(s);
      }
    });
    const earlier = this.earlier && this.earlier.state;
    if (earlier) {
      const s = span(this.doc, 'count earlier', earlier === 'loading' ? '\u2026' : '?');
      s.setAttribute('data-earlier', earlier);
      s.title = this.earlier.el.textContent;
      el.appendChild(s);
    }
    el.setAttribute('data-earlier', earlier || '');
    el.hidden = this.all.length === 0 && !earlier;
  }

  togglePanel(open) {
    const panel = this.n.annotations;
    const show = open === undefined ? panel.hidden : open;
    panel.hidden = !show;
    this.n.annotationCounts.setAttribute('aria-expanded', String(show));
  }

  jump(a) {
    if (!a) {
      return;
    }
    if ((!a.el || !a.el.parentNode) && typeof a.at === 'number' && this.load(Math.max(1, a.at))) {
      // not loaded (before the window, or printed while it was elsewhere): the line it precedes
      if (a.level === 'error') {
        this.cursor = this.errors.indexOf(a);
      }
      return;
    }
    if (!a.el || !a.el.parentNode) {
      this.notice('info', 'That ' + a.level + ' is no longer shown here (the page keeps the newest lines).', 6000);
      return;
    }
    if (a.level === 'error') {
      this.cursor = this.errors.indexOf(a);
    }
    this.show(a.el);
  }

  /** The next (step 1) or previous (step -1) error, from the one last jumped to, round the end. */
  step(step) {
    const n = this.errors.length;
    if (n === 0) {
      this.notice('info', 'No errors.', 3000);
      return;
    }
    this.cursor = this.cursor < 0 ? (step > 0 ? 0 : n - 1) : (this.cursor + step + n) % n;
    this.jump(this.errors[this.cursor]);
  }
}
