/*
 * ANSI rendering, pure: text with escape sequences in, styled segments or DOM nodes out.
 * SGR sequences become classes (16 colours) or CSSOM styles (256 colours, truecolour); every
 * other escape sequence and control character is removed. Text is only ever inserted as text
 * nodes, never parsed as HTML.
 */

const CUBE = [0, 95, 135, 175, 215, 255];

export function colour256(n) {
  if (n < 232) {
    n -= 16;
    return 'rgb(' + CUBE[Math.floor(n / 36)] + ',' + CUBE[Math.floor(n / 6) % 6] + ',' + CUBE[n % 6] + ')';
  }
  const grey = 8 + (n - 232) * 10;
  return 'rgb(' + grey + ',' + grey + ',' + grey + ')';
}

function byte(value) {
  const n = parseInt(value, 10);
  return n >= 0 && n <= 255 ? n : null;
}

function rgb(r, g, b) {
  r = byte(r); g = byte(g); b = byte(b);
  return r === null || g === null || b === null ? null : 'rgb(' + r + ',' + g + ',' + b + ')';
}

function initialStyle() {
  return { b: false, d: false, i: false, u: false, inv: false, s: false, hid: false, fg: null, bg: null };
}

function copyStyle(st) {
  return { b: st.b, d: st.d, i: st.i, u: st.u, inv: st.inv, s: st.s, hid: st.hid, fg: st.fg, bg: st.bg };
}

export function isPlainStyle(st) {
  return !st.b && !st.d && !st.i && !st.u && !st.inv && !st.s && !st.hid && st.fg === null && st.bg === null;
}

/** Extended colour: `38;5;n`, `38;2;r;g;b` and their colon forms. */
function extendedColour(args) {
  if (args[0] === '5') {
    return byte(args[1]);
  }
  if (args[0] === '2') {
    // 38:2:cs:r:g:b (ITU form with colour space) or 38:2:r:g:b
    return args.length >= 5 ? rgb(args[2], args[3], args[4]) : rgb(args[1], args[2], args[3]);
  }
  return null;
}

/** What each simple SGR code does to a style. */
const SIMPLE = {
  1: (st) => { st.b = true; },
  2: (st) => { st.d = true; },
  3: (st) => { st.i = true; },
  4: (st, sub) => { st.u = sub[1] !== '0'; },
  7: (st) => { st.inv = true; },
  8: (st) => { st.hid = true; },
  9: (st) => { st.s = true; },
  21: (st) => { st.u = true; },
  22: (st) => { st.b = false; st.d = false; },
  23: (st) => { st.i = false; },
  24: (st) => { st.u = false; },
  27: (st) => { st.inv = false; },
  28: (st) => { st.hid = false; },
  29: (st) => { st.s = false; },
  39: (st) => { st.fg = null; },
  49: (st) => { st.bg = null; }
};

function applyCode(st, code, sub) {
  if (code === 0) {
    Object.assign(st, initialStyle());
  } else if (Object.prototype.hasOwnProperty.call(SIMPLE, code)) {
    SIMPLE[code](st, sub);
  } else if (code >= 30 && code <= 37) {
    st.fg = code - 30;
  } else if (code >= 40 && code <= 47) {
    st.bg = code - 40;
  } else if (code >= 90 && code <= 97) {
    st.fg = code - 90 + 8;
  } else if (code >= 100 && code <= 107) {
    st.bg = code - 100 + 8;
  }
}

function applySgr(st, params) {
  const parts = params === '' ? ['0'] : params.split(';');
  for (let k = 0; k < parts.length; k += 1) {
    const sub = parts[k].split(':');
    const code = sub[0] === '' ? 0 : parseInt(sub[0], 10);
    if (code === 38 || code === 48) {
      let args;
      if (sub.length > 1) {
        args = sub.slice(1);
      } else {
        args = parts.slice(k + 1, k + (parts[k + 1] === '2' ? 5 : 3));
        k += args.length;
      }
      const colour = extendedColour(args);
      if (colour !== null) {
        st[code === 38 ? 'fg' : 'bg'] = colour;
      }
    } else {
      applyCode(st, code, sub);
    }
  }
}

function isPrintable(c) {
  return (c >= 0x20 && c !== 0x7f && (c < 0x80 || c >= 0xa0)) || c === 0x09;
}

function isString(c) {
  return c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f; // OSC DCS SOS PM APC after ESC
}

function isC1String(c) {
  return c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f;
}

function skipRange(text, j, lo, hi) {
  while (j < text.length && text.charCodeAt(j) >= lo && text.charCodeAt(j) <= hi) {
    j += 1;
  }
  return j;
}

/**
 * Reads a CSI sequence whose parameters start at j. SGR changes the style (through onSgr);
 * any other is dropped.
 * @return {number} where to go on, or -1 for an unterminated sequence (the rest is dropped)
 */
function readCsi(text, j, onSgr) {
  const p0 = j;
  j = skipRange(text, j, 0x30, 0x3f);
  const params = text.slice(p0, j);
  const i0 = j;
  j = skipRange(text, j, 0x20, 0x2f);
  if (j >= text.length) {
    return -1;
  }
  const fin = text.charCodeAt(j);
  if (fin < 0x40 || fin > 0x7e) {
    return j; // malformed: drop what was read, go on from here
  }
  if (fin === 0x6d && i0 === j && /^[0-9;:]*$/.test(params)) {
    onSgr(params);
  }
  return j + 1;
}

/** Skips a string sequence (OSC, DCS, ...) up to its terminator: BEL, ST or ESC \. */
function skipString(text, j) {
  while (j < text.length) {
    const cc = text.charCodeAt(j);
    if (cc === 0x07 || cc === 0x9c) { return j + 1; }
    if (cc === 0x1b && text.charCodeAt(j + 1) === 0x5c) { return j + 2; }
    j += 1;
  }
  return j;
}

/**
 * Splits text into styled segments. SGR (`ESC [ ... m`) changes the style;
 * every other CSI, OSC, DCS, SOS, PM, APC and two-byte escape is dropped,
 * as are control characters other than TAB. An unterminated sequence at
 * the end is dropped too.
 * @return {Array<{text: string, st: Object}>}
 */
export function parseAnsi(text) {
  const st = initialStyle();
  const segments = [];
  let buf = '';
  const n = text.length;
  let i = 0;
  const onSgr = (params) => {
    if (buf !== '') {
      segments.push({ text: buf, st: copyStyle(st) });
      buf = '';
    }
    applySgr(st, params);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isPrintable(c)) {
      let k = i + 1;
      while (k < n && isPrintable(text.charCodeAt(k))) {
        k += 1;
      }
      buf += text.slice(i, k);
      i = k;
    } else if (c === 0x1b && text.charCodeAt(i + 1) === 0x5b) {
      i = readCsi(text, i + 2, onSgr);
    } else if (c === 0x9b) {
      i = readCsi(text, i + 1, onSgr);
    } else if (c === 0x1b && isString(text.charCodeAt(i + 1))) {
      i = skipString(text, i + 2);
    } else if (isC1String(c)) {
      i = skipString(text, i + 1);
    } else if (c === 0x1b) {
      // ESC, intermediates (0x20-0x2F), one final byte
      i = Math.min(skipRange(text, i + 1, 0x20, 0x2f) + 1, n);
    } else {
      i += 1; // another control character
    }
    if (i < 0) {
      break; // unterminated
    }
  }
  if (buf !== '') {
    segments.push({ text: buf, st: copyStyle(st) });
  }
  return segments;
}

export function stripAnsi(text) {
  return parseAnsi(text).map((seg) => seg.text).join('');
}

function colourClass(value, prefix, el) {
  if (value === null) {
    return;
  }
  if (typeof value === 'number' && value < 16) {
    el.classList.add(prefix + value);
  } else if (value === 'default') {
    el.classList.add(prefix + 'inv');
  } else {
    el.style[prefix === 'fg' ? 'color' : 'backgroundColor'] = typeof value === 'number' ? colour256(value) : value;
  }
}

const FLAGS = [['b', 'sgr-b'], ['d', 'sgr-d'], ['i', 'sgr-i'], ['u', 'sgr-u'], ['s', 'sgr-s'], ['hid', 'sgr-h']];

/** A span carrying a segment's style, through classes and CSSOM only. */
export function styledSpan(doc, st) {
  const el = doc.createElement('span');
  FLAGS.forEach(([flag, cls]) => {
    if (st[flag]) {
      el.classList.add(cls);
    }
  });
  let fg = st.fg;
  let bg = st.bg;
  if (st.inv) {
    fg = bg === null ? 'default' : bg;
    bg = st.fg === null ? 'default' : st.fg;
  }
  colourClass(fg, 'fg', el);
  colourClass(bg, 'bg', el);
  return el;
}

/**
 * Renders `text` into `container` (replacing what it held): styled spans for its segments, and
 * <mark> around the plain-text ranges in `ranges` ([start, end, start, end, ...], ascending,
 * offsets into stripAnsi(text)).
 */
export function renderAnsi(container, text, ranges) {
  const doc = container.ownerDocument;
  const frag = doc.createDocumentFragment();
  const segments = parseAnsi(text);
  let offset = 0;
  let r = 0;
  for (const seg of segments) {
    const target = isPlainStyle(seg.st) ? frag : frag.appendChild(styledSpan(doc, seg.st));
    const start = offset;
    const end = offset + seg.text.length;
    let at = start;
    while (at < end) {
      while (r < ranges.length && ranges[r + 1] <= at) {
        r += 2;
      }
      if (r < ranges.length && ranges[r] <= at) {
        const stop = Math.min(end, ranges[r + 1]);
        const mark = doc.createElement('mark');
        mark.textContent = seg.text.slice(at - start, stop - start);
        target.appendChild(mark);
        at = stop;
      } else {
        const next = r < ranges.length ? Math.min(end, ranges[r]) : end;
        target.appendChild(doc.createTextNode(seg.text.slice(at - start, next - start)));
        at = next;
      }
    }
    offset = end;
  }
  container.textContent = '';
  container.appendChild(frag);
}
