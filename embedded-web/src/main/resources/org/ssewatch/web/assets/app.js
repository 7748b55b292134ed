/*
 * The ssewatch status page. `SseWatchApp.init(opts)` receives its DOM nodes and
 * an event source (an SseWatch, or anything with addEventListener and
 * `transport`), so tests can drive it with a fake source. The bottom of this
 * file boots it on the real page.
 *
 * Rendering strategy (why the page stays responsive with a million lines):
 * - Events only go into a queue; one flush per animation frame applies them
 *   to the model and the DOM, within a time budget, so any input rate costs
 *   at most one frame of work at a time and the page keeps scrolling.
 * - The DOM is capped, not virtualised: the page keeps the last `maxLines`
 *   lines (50,000 by default). Older lines are dropped from the model and the
 *   DOM and a notice says how many are hidden and links to log.txt, which has
 *   everything. The filter searches the lines kept. A cap keeps the browser's
 *   own find-in-page, text selection and copy working, which virtualisation
 *   breaks. Lines go into blocks of 200 (div.chunk) with
 *   `content-visibility: auto` (style.css): the browser skips style, layout
 *   and paint of off-screen blocks, and appending or dropping lines only
 *   touches the first and last block, which gets most of virtualisation's
 *   speed.
 * - Lines that arrive faster than they can be rendered and would be dropped
 *   by the cap anyway are never rendered at all.
 *
 * Output text is only ever inserted as text nodes; ANSI SGR sequences become
 * classes (16 colours) or CSSOM styles (256 colours, truecolour), and every
 * other escape sequence is removed.
 */
window.SseWatchApp = (function (window, document) {
  'use strict';

  var FRAME_BUDGET_MS = 12;
  var CHUNK_LINES = 200;
  var LINE_TYPES = { stdout: true, stderr: true, stdin: true };

  // ------------------------------------------------------------------ ANSI

  var CUBE = [0, 95, 135, 175, 215, 255];

  function colour256(n) {
    if (n < 232) {
      n -= 16;
      return 'rgb(' + CUBE[Math.floor(n / 36)] + ',' + CUBE[Math.floor(n / 6) % 6] + ',' + CUBE[n % 6] + ')';
    }
    var grey = 8 + (n - 232) * 10;
    return 'rgb(' + grey + ',' + grey + ',' + grey + ')';
  }

  function byte(value) {
    var n = parseInt(value, 10);
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

  function isPlainStyle(st) {
    return !st.b && !st.d && !st.i && !st.u && !st.inv && !st.s && !st.hid && st.fg === null && st.bg === null;
  }

  /** Extended colour: `38;5;n`, `38;2;r;g;b` and their colon forms. */
  function extendedColour(args) {
    if (args[0] === '5') {
      var n = byte(args[1]);
      return n === null ? null : n;
    }
    if (args[0] === '2') {
      // 38:2:cs:r:g:b (ITU form with colour space) or 38:2:r:g:b
      return args.length >= 5 ? rgb(args[2], args[3], args[4]) : rgb(args[1], args[2], args[3]);
    }
    return null;
  }

  function applySgr(st, params) {
    var parts = params === '' ? ['0'] : params.split(';');
    for (var k = 0; k < parts.length; k += 1) {
      var sub = parts[k].split(':');
      var code = sub[0] === '' ? 0 : parseInt(sub[0], 10);
      if (code === 38 || code === 48) {
        var args;
        if (sub.length > 1) {
          args = sub.slice(1);
        } else {
          args = parts.slice(k + 1, k + (parts[k + 1] === '2' ? 5 : 3));
          k += args.length;
        }
        var colour = extendedColour(args);
        if (colour !== null) {
          st[code === 38 ? 'fg' : 'bg'] = colour;
        }
      } else if (code === 0) {
        var fresh = initialStyle();
        for (var key in fresh) {
          if (Object.prototype.hasOwnProperty.call(fresh, key)) {
            st[key] = fresh[key];
          }
        }
      } else if (code === 1) { st.b = true;
      } else if (code === 2) { st.d = true;
      } else if (code === 3) { st.i = true;
      } else if (code === 4) { st.u = sub[1] !== '0';
      } else if (code === 7) { st.inv = true;
      } else if (code === 8) { st.hid = true;
      } else if (code === 9) { st.s = true;
      } else if (code === 21) { st.u = true;
      } else if (code === 22) { st.b = false; st.d = false;
      } else if (code === 23) { st.i = false;
      } else if (code === 24) { st.u = false;
      } else if (code === 27) { st.inv = false;
      } else if (code === 28) { st.hid = false;
      } else if (code === 29) { st.s = false;
      } else if (code >= 30 && code <= 37) { st.fg = code - 30;
      } else if (code === 39) { st.fg = null;
      } else if (code >= 40 && code <= 47) { st.bg = code - 40;
      } else if (code === 49) { st.bg = null;
      } else if (code >= 90 && code <= 97) { st.fg = code - 90 + 8;
      } else if (code >= 100 && code <= 107) { st.bg = code - 100 + 8;
      }
    }
  }

  function isPrintable(c) {
    return (c >= 0x20 && c !== 0x7f && (c < 0x80 || c >= 0xa0)) || c === 0x09;
  }

  /**
   * Splits text into styled segments. SGR (`ESC [ ... m`) changes the style;
   * every other CSI, OSC, DCS, SOS, PM, APC and two-byte escape is dropped,
   * as are control characters other than TAB. An unterminated sequence at
   * the end is dropped too.
   * @return {Array<{text: string, st: Object}>}
   */
  function parseAnsi(text) {
    var st = initialStyle();
    var segments = [];
    var buf = '';
    var n = text.length;
    var i = 0;
    var flush = function () {
      if (buf !== '') {
        segments.push({ text: buf, st: copyStyle(st) });
        buf = '';
      }
    };
    while (i < n) {
      var c = text.charCodeAt(i);
      if (isPrintable(c)) {
        var k = i + 1;
        while (k < n && isPrintable(text.charCodeAt(k))) {
          k += 1;
        }
        buf += text.slice(i, k);
        i = k;
        continue;
      }
      var j;
      var csi = false;
      var str = false;
      if (c === 0x1b) {
        var c2 = i + 1 < n ? text.charCodeAt(i + 1) : -1;
        if (c2 === 0x5b) { csi = true; j = i + 2;
        } else if (c2 === 0x5d || c2 === 0x50 || c2 === 0x58 || c2 === 0x5e || c2 === 0x5f) { str = true; j = i + 2;
        } else {
          // ESC, intermediates (0x20-0x2F), one final byte
          j = i + 1;
          while (j < n && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) {
            j += 1;
          }
          i = Math.min(j + 1, n);
          continue;
        }
      } else if (c === 0x9b) { csi = true; j = i + 1;
      } else if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) { str = true; j = i + 1;
      } else {
        i += 1; // another control character
        continue;
      }
      if (csi) {
        var p0 = j;
        while (j < n && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) {
          j += 1;
        }
        var params = text.slice(p0, j);
        var i0 = j;
        while (j < n && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) {
          j += 1;
        }
        if (j >= n) {
          break; // unterminated
        }
        var fin = text.charCodeAt(j);
        if (fin < 0x40 || fin > 0x7e) {
          i = j; // malformed: drop what was read, go on from here
          continue;
        }
        if (fin === 0x6d && i0 === j && /^[0-9;:]*$/.test(params)) {
          flush();
          applySgr(st, params);
        }
        i = j + 1;
      } else if (str) {
        while (j < n) {
          var cc = text.charCodeAt(j);
          if (cc === 0x07 || cc === 0x9c) { j += 1; break; }
          if (cc === 0x1b && text.charCodeAt(j + 1) === 0x5c) { j += 2; break; }
          j += 1;
        }
        i = j;
      }
    }
    flush();
    return segments;
  }

  function stripAnsi(text) {
    var parsed = parseAnsi(text);
    var out = '';
    for (var i = 0; i < parsed.length; i += 1) {
      out += parsed[i].text;
    }
    return out;
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

  /** A span carrying a segment's style, through classes and CSSOM only. */
  function styledSpan(st) {
    var el = document.createElement('span');
    if (st.b) { el.classList.add('sgr-b'); }
    if (st.d) { el.classList.add('sgr-d'); }
    if (st.i) { el.classList.add('sgr-i'); }
    if (st.u) { el.classList.add('sgr-u'); }
    if (st.s) { el.classList.add('sgr-s'); }
    if (st.hid) { el.classList.add('sgr-h'); }
    var fg = st.fg;
    var bg = st.bg;
    if (st.inv) {
      fg = bg === null ? 'default' : bg;
      bg = st.fg === null ? 'default' : st.fg;
    }
    colourClass(fg, 'fg', el);
    colourClass(bg, 'bg', el);
    return el;
  }

  // ------------------------------------------------------------------ helpers

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  function shellQuote(args) {
    return args.map(function (a) {
      a = String(a);
      return /^[A-Za-z0-9_@%+=:,.\/-]+$/.test(a) ? a : "'" + a.replace(/'/g, "'\\''") + "'";
    }).join(' ');
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) {
      s = '0' + s;
    }
    return s;
  }

  function clockTime(ms) {
    var d = new Date(ms);
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3);
  }

  function duration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor(s / 60) % 60;
    s %= 60;
    if (h > 0) {
      return h + 'h ' + pad(m, 2) + 'm ' + pad(s, 2) + 's';
    }
    return m > 0 ? m + 'm ' + pad(s, 2) + 's' : s + 's';
  }

  function plural(n, word) {
    return n.toLocaleString('en') + ' ' + word + (n === 1 ? '' : 's');
  }

  function store(key, value) {
    try {
      if (value === undefined) {
        return window.localStorage.getItem('ssewatch.' + key);
      }
      window.localStorage.setItem('ssewatch.' + key, value);
    } catch (e) {
      // storage may be unavailable (private mode, sandbox): preferences just don't persist
    }
    return null;
  }

  /** What an exit payload means, as page state and words. */
  function describeExit(x) {
    if (!x) {
      return { state: 'running', text: 'running' };
    }
    if (x.reason === 'signaled' || x.signal) {
      return { state: 'killed', text: 'killed by ' + (x.signal || 'a signal') };
    }
    if (x.reason === 'not-found') {
      return { state: 'failed', text: 'command not found (127)' };
    }
    if (x.reason === 'not-executable') {
      return { state: 'failed', text: 'not executable (126)' };
    }
    if (x.reason === 'failed') {
      return { state: 'failed', text: 'could not start' };
    }
    var code = x.code !== null && x.code !== undefined ? x.code : x.status;
    if (x.reason === 'eof') {
      return code ? { state: 'failed', text: 'input ended, status ' + code } : { state: 'ok', text: 'input ended' };
    }
    return code === 0 ? { state: 'ok', text: 'exited 0' } : { state: 'failed', text: 'failed with ' + code };
  }

  // ------------------------------------------------------------------ the page

  function Page(opts) {
    this.n = opts.nodes;
    this.source = opts.source;
    this.baseUrl = opts.baseUrl || '';
    this.maxLines = Math.max(100, opts.maxLines || 50000);
    // Browsers grant notifications only to secure contexts (https, localhost): on the http LAN
    // address ssewatch prints, asking could only ever be refused, so the button says why instead.
    this.notifyWhyNot = window.isSecureContext ? '' : 'Notifications need https or localhost';
    this.notifications = opts.notifications !== false &&
      (typeof window.Notification === 'function' || this.notifyWhyNot !== '');

    this.queue = [];
    this.recs = new Map();     // line number -> record, for the lines kept
    this.order = [];           // records and gap markers, oldest first, from `head`
    this.head = 0;
    this.renderIdx = 0;        // order[renderIdx...] have no element yet
    this.dirty = new Set();    // rendered records whose content changed
    this.chunk = null;         // the div.chunk new lines go into
    this.droppedLines = 0;     // lines dropped by the cap
    this.maxDropped = 0;       // highest line number dropped
    this.ended = false;        // the stream delivered the exit event: every line is here
    this.counts = { stdout: 0, stderr: 0, stdin: 0 };
    this.matches = 0;
    this.query = '';
    this.regex = null;
    this.follow = true;
    this.lastScrollY = 0;
    this.newLines = 0;
    this.lnDigits = 0;         // the digits of the highest line number, for the gutter's width
    this.started = null;
    this.exit = null;
    this.commandText = '';
    this.runTitle = '';
    this.notifyOptIn = false;
    this.fallback = null;
    this.lost = false;
    this.target = null;
    this.pinned = null;        // the permalinked record kept in view while the layout settles
    this.scheduled = false;
    this.timers = {};
  }

  Page.prototype.start = function () {
    var self = this;
    var n = this.n;

    var events = ['start', 'stdout', 'stderr', 'stdin', 'exit', 'gap'];
    events.forEach(function (type) {
      self.source.addEventListener(type, function (e) { self.enqueue(e); });
    });
    this.source.addEventListener('open', function () { self.onOpen(); });
    this.source.addEventListener('error', function (e) { self.onError(e); });
    this.source.addEventListener('transport', function (e) { self.onTransport(e); });
    this.showTransport();

    this.initToggles();
    n.filter.addEventListener('input', function () {
      self.later('filter', 120, function () { self.setQuery(n.filter.value); });
    });
    n.filter.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        n.filter.value = '';
        self.setQuery('');
        n.filter.blur();
      }
    });
    n.newLines.addEventListener('click', function () { self.setFollow(true); });
    document.addEventListener('keydown', function (e) { self.onKey(e); });
    window.addEventListener('scroll', function () { self.onScroll(); }, { passive: true });
    window.addEventListener('hashchange', function () { self.readHash(true); });
    if (typeof window.ResizeObserver === 'function') {
      // Blocks off screen have estimated heights (content-visibility, style.css). Scrolling far
      // lays out the blocks that come into view, and their real heights move everything after
      // them: the bottom moves away from a reader following the tail, and a permalinked line
      // away from the middle of the screen. Until the reader takes over, go back to it as the
      // log's height settles.
      new window.ResizeObserver(function () { self.settle(); }).observe(n.log);
      ['wheel', 'touchstart', 'mousedown', 'keydown'].forEach(function (type) {
        window.addEventListener(type, function () { self.pinned = null; }, { passive: true, capture: true });
      });
    }
    if (this.notifications && n.notify) {
      n.notify.hidden = false;
      if (this.notifyWhyNot) {
        n.notify.disabled = true;
        n.notify.title = this.notifyWhyNot;
        n.notify.setAttribute('data-why-not', this.notifyWhyNot);
      } else {
        n.notify.addEventListener('click', function () { self.askNotify(); });
      }
    }
    this.readHash(false);
    this.fetchStatus();
    this.timers.elapsed = window.setInterval(function () { self.showElapsed(); }, 1000);
    this.showState();
  };

  // -------------------------------------------------------------- controls

  Page.prototype.initToggles = function () {
    var self = this;
    var n = this.n;
    var ts = store('timestamps');
    var wrap = store('wrap');
    if (ts !== null) { n.timestamps.checked = ts === '1'; }
    if (wrap !== null) { n.wrap.checked = wrap === '1'; }
    var apply = function () {
      n.log.classList.toggle('show-ts', n.timestamps.checked);
      n.log.classList.toggle('wrap', n.wrap.checked);
    };
    apply();
    n.timestamps.addEventListener('change', function () {
      store('timestamps', n.timestamps.checked ? '1' : '0');
      apply();
    });
    n.wrap.addEventListener('change', function () {
      store('wrap', n.wrap.checked ? '1' : '0');
      apply();
    });
    n.follow.addEventListener('change', function () { self.setFollow(n.follow.checked); });
  };

  Page.prototype.onKey = function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (e.target && e.target.isContentEditable)) {
      return;
    }
    if (e.key === '/') {
      e.preventDefault();
      this.n.filter.focus();
      this.n.filter.select();
    } else if (e.key === 'End') {
      e.preventDefault();
      this.setFollow(true);
    } else if (e.key === 't') {
      this.n.timestamps.click();
    } else if (e.key === 'w') {
      this.n.wrap.click();
    }
  };

  Page.prototype.atBottom = function () {
    var doc = document.documentElement;
    return window.innerHeight + window.scrollY >= doc.scrollHeight - 24;
  };

  /**
   * Follow mode tracks the reader: scrolling up leaves it, reaching the
   * bottom enters it. Only a decrease of scrollY counts as leaving, because
   * lines growing below (content-visibility sizing, wrapping, new output)
   * move the bottom away without the reader doing anything.
   */
  Page.prototype.onScroll = function () {
    var y = window.scrollY;
    var up = y < this.lastScrollY - 2;
    this.lastScrollY = y;
    var bottom = this.atBottom();
    if (bottom && !this.follow && this.target === null) {
      this.setFollow(true);
    } else if (!bottom && up && this.follow) {
      this.setFollow(false);
    }
  };

  /** After a layout change: back to the pinned permalink line, or to the bottom when following. */
  Page.prototype.settle = function () {
    var pinned = this.pinned;
    if (pinned && pinned.el && pinned.el.parentNode && this.target === null) {
      pinned.el.scrollIntoView({ block: 'center' });
    } else if (this.follow && this.target === null && !this.atBottom()) {
      this.scrollToBottom();
    }
  };

  Page.prototype.setFollow = function (on) {
    this.pinned = null;
    if (on) {
      this.target = null; // the reader chose the tail over a permalinked line still to come
    }
    this.follow = on;
    this.n.follow.checked = on;
    if (on) {
      this.newLines = 0;
      this.n.newLines.hidden = true;
      this.scrollToBottom();
    }
  };

  Page.prototype.scrollToBottom = function () {
    window.scrollTo(0, document.documentElement.scrollHeight);
    this.lastScrollY = window.scrollY;
  };

  Page.prototype.later = function (name, ms, fn) {
    window.clearTimeout(this.timers[name]);
    this.timers[name] = window.setTimeout(fn, ms);
  };

  // -------------------------------------------------------------- permalinks

  Page.prototype.readHash = function (navigated) {
    var m = /^#L(\d+)$/.exec(window.location.hash);
    if (!m) {
      return;
    }
    this.target = Number(m[1]);
    this.setFollow(false);
    if (navigated || this.recs.has(this.target)) {
      this.schedule();
    }
  };

  Page.prototype.jumpToTarget = function () {
    var rec = this.recs.get(this.target);
    if (!rec || !rec.el) {
      if (this.target <= this.maxDropped) {
        this.notice('info', 'Line ' + this.target + ' is no longer shown here; it is in log.txt.', 8000);
        this.target = null;
      } else if (this.ended && !rec) {
        // Past the end, or lost in a gap: stop waiting for it, so that following works again.
        this.notice('info', 'Line ' + this.target + ' is not in this log.', 8000);
        this.target = null;
      }
      return;
    }
    var old = this.n.log.querySelector('.line.target');
    if (old) {
      old.classList.remove('target');
    }
    if (this.query && !rec.match) {
      this.n.filter.value = '';
      this.setQuery('');
    }
    rec.el.classList.add('target');
    rec.el.scrollIntoView({ block: 'center' });
    this.setFollow(false);
    this.pinned = rec;
    this.target = null;
  };

  // -------------------------------------------------------------- connection

  Page.prototype.showTransport = function () {
    var t = this.source.transport;
    this.n.transport.textContent = t === 'sse' ? 'Server-Sent Events' : 'long-polling';
    this.n.transport.setAttribute('data-transport', t);
  };

  Page.prototype.onTransport = function (e) {
    this.showTransport();
    if (e.transport === 'poll') {
      this.fallback = e.reason || 'stream unavailable';
      this.notice('poll', 'Live stream unavailable (' + this.fallback + '): switched to long-polling.');
    }
  };

  Page.prototype.onError = function (e) {
    if (this.exit) {
      return;
    }
    this.lost = true;
    var retry = e && e.retryIn ? ' Retrying in ' + Math.max(1, Math.round(e.retryIn / 1000)) + ' s.' : '';
    this.notice('lost', 'Connection lost' + (e && e.reason ? ' (' + e.reason + ')' : '') + '.' + retry);
    this.showState();
  };

  Page.prototype.onOpen = function () {
    this.showTransport();
    if (this.lost) {
      this.lost = false;
      this.notice('back', 'Connection restored' + (this.source.transport === 'poll' ? ' (long-polling).' : '.'), 4000);
    }
    this.showState();
  };

  /** One notice at a time; a timed one gives way to the polling notice. */
  Page.prototype.notice = function (kind, text, ms) {
    var self = this;
    var el = this.n.notice;
    window.clearTimeout(this.timers.notice);
    el.textContent = text;
    el.setAttribute('data-kind', kind);
    el.hidden = false;
    if (ms) {
      this.timers.notice = window.setTimeout(function () {
        if (self.fallback && !self.exit) {
          self.notice('poll', 'Using long-polling: the live stream was unavailable (' + self.fallback + ').');
        } else {
          el.hidden = true;
          el.setAttribute('data-kind', '');
        }
      }, ms);
    }
  };

  // -------------------------------------------------------------- header

  Page.prototype.fetchStatus = function () {
    var self = this;
    var xhr = new window.XMLHttpRequest();
    xhr.open('GET', this.baseUrl + 'api/status', true);
    xhr.timeout = 10000;
    xhr.onload = function () {
      if (xhr.status !== 200) {
        return;
      }
      var s;
      try {
        s = JSON.parse(xhr.responseText);
      } catch (e) {
        return;
      }
      if (!self.started) {
        self.setStart({ time: s.started, command: s.command, host: s.host, pid: s.pid, title: s.title, mode: s.mode });
      }
      if (s.lines && self.ended) {
        self.counts = { stdout: s.lines.stdout || 0, stderr: s.lines.stderr || 0, stdin: s.lines.stdin || 0 };
        self.showCounts();
      }
      if (s.exit && !self.exit) {
        self.setExit(s.exit);
      }
    };
    xhr.send();
  };

  Page.prototype.setStart = function (d) {
    var n = this.n;
    this.started = d;
    var cmd = Array.isArray(d.command) ? d.command : [];
    this.commandText = d.mode === 'pipe' || cmd.length === 0 ? '(standard input)' : shellQuote(cmd);
    n.command.textContent = this.commandText;
    n.command.title = this.commandText + (d.cwd ? '\nin ' + d.cwd : '');
    this.runTitle = d.title || '';
    n.title.textContent = this.runTitle;
    n.title.hidden = !this.runTitle;
    if (typeof d.time === 'number') {
      n.started.textContent = new Date(d.time).toLocaleString();
      n.started.title = new Date(d.time).toISOString();
    }
    n.host.textContent = d.host || '–';
    n.pid.textContent = d.pid === null || d.pid === undefined ? '–' : String(d.pid);
    this.showElapsed();
    this.showState();
  };

  Page.prototype.setExit = function (x) {
    this.exit = x;
    this.lost = false;
    window.clearInterval(this.timers.elapsed);
    this.showElapsed();
    this.showState();
    if (this.n.notify) {
      this.n.notify.hidden = true;
    }
    if (this.n.notice.getAttribute('data-kind') !== '') {
      this.n.notice.hidden = true;
      this.n.notice.setAttribute('data-kind', '');
    }
    this.n.follow.disabled = false;
    // Nothing more will come: lines still arriving are a late joiner's replay of the run, not news.
    this.newLines = 0;
    this.n.newLines.hidden = true;
    this.notifyEnd();
    if (this.ended) {
      // The final counts (what the server counted, split pieces as one line). Before the stream
      // has delivered the end (a page opened after the run, replaying it), lines still to come
      // would be added on top of them.
      this.fetchStatus();
    }
  };

  Page.prototype.showElapsed = function () {
    var s = this.started;
    if (!s || typeof s.time !== 'number') {
      return;
    }
    var ms = this.exit && typeof this.exit.duration === 'number' ? this.exit.duration :
      (this.exit && this.exit.time ? this.exit.time - s.time : Date.now() - s.time);
    this.n.elapsed.textContent = duration(ms);
  };

  Page.prototype.showState = function () {
    var d = describeExit(this.exit);
    var state = d.state;
    var text = d.text;
    if (!this.exit && !this.started) {
      state = 'connecting';
      text = 'connecting';
    } else if (!this.exit && this.lost) {
      state = 'lost';
      text = 'running? (offline)';
    }
    var chip = this.n.state;
    chip.textContent = text;
    chip.setAttribute('data-state', state);
    chip.title = this.exit && this.exit.message ? this.exit.message : '';
    document.documentElement.setAttribute('data-state', state);
    var icon = state === 'ok' ? 'ok' : (state === 'failed' || state === 'killed' ? 'failed' : 'running');
    if (this.n.favicon) {
      // favicon.svg holds one <view> per state; the query makes browsers reload it
      this.n.favicon.setAttribute('href', 'favicon.svg?' + icon + '#' + icon);
    }
    var mark = icon === 'ok' ? '\u2714' : (icon === 'failed' ? '\u2716' : '\u25B6');
    var what = this.runTitle || this.commandText;
    document.title = mark + ' ' + text + (what ? ' \u2014 ' + what : '') + ' \u2014 ssewatch';
  };

  Page.prototype.showCounts = function () {
    var c = this.counts;
    var parts = [c.stdout.toLocaleString('en') + ' out', c.stderr.toLocaleString('en') + ' err'];
    if (c.stdin) {
      parts.push(c.stdin.toLocaleString('en') + ' in');
    }
    var el = this.n.counts;
    el.textContent = parts.join(' \u00B7 ');
    el.setAttribute('data-stdout', c.stdout);
    el.setAttribute('data-stderr', c.stderr);
    el.setAttribute('data-stdin', c.stdin);
  };

  Page.prototype.askNotify = function () {
    var self = this;
    var btn = this.n.notify;
    var done = function (permission) {
      self.notifyOptIn = permission === 'granted';
      btn.textContent = self.notifyOptIn ? 'Will notify' : 'Notifications blocked';
      btn.setAttribute('aria-pressed', String(self.notifyOptIn));
      btn.disabled = true;
    };
    try {
      var p = window.Notification.requestPermission(done);
      if (p && typeof p.then === 'function') {
        p.then(done);
      }
    } catch (e) {
      done('denied');
    }
  };

  Page.prototype.notifyEnd = function () {
    if (!this.notifyOptIn) {
      return;
    }
    try {
      var d = describeExit(this.exit);
      var note = new window.Notification('ssewatch: ' + d.text, {
        body: this.runTitle || this.commandText, icon: 'favicon.svg', tag: 'ssewatch-exit'
      });
      note.onclick = function () { window.focus(); };
    } catch (e) {
      // some mobile browsers only notify from a service worker
    }
  };

  // -------------------------------------------------------------- the log

  Page.prototype.enqueue = function (e) {
    this.queue.push(e);
    this.schedule();
  };

  /**
   * One flush per frame; the timer is a fallback for hidden tabs, where
   * requestAnimationFrame does not run but the model must still keep up.
   */
  Page.prototype.schedule = function () {
    if (this.scheduled) {
      return;
    }
    var self = this;
    this.scheduled = true;
    var run = function () {
      window.cancelAnimationFrame(self.raf);
      window.clearTimeout(self.rafTimer);
      self.scheduled = false;
      self.flush();
    };
    this.raf = window.requestAnimationFrame(run);
    this.rafTimer = window.setTimeout(run, 500);
  };

  Page.prototype.flush = function () {
    var t0 = window.performance.now();
    var q = this.queue;
    var i = 0;
    while (i < q.length && (i % 256 !== 0 || window.performance.now() - t0 < FRAME_BUDGET_MS)) {
      this.apply(q[i]);
      i += 1;
    }
    this.queue = i === q.length ? [] : q.slice(i);

    this.renderDirty();
    var added = this.renderNew(t0 + FRAME_BUDGET_MS + 4);
    this.showCounts();
    this.showHidden();
    this.n.log.setAttribute('data-lines', String(this.recs.size));
    this.n.empty.hidden = this.order.length > this.head || this.droppedLines > 0;
    if (!this.n.empty.hidden && this.exit) {
      this.n.empty.textContent = 'No output.';
    }
    if (this.query) {
      this.showMatches();
    }
    if (this.target !== null) {
      this.jumpToTarget();
    } else if (this.follow) {
      this.scrollToBottom();
    } else if (added > 0 && !this.exit) {
      this.newLines += added;
      this.n.newLines.textContent = plural(this.newLines, 'new line') + ' \u2193';
      this.n.newLines.hidden = false;
    }
    if (this.queue.length > 0 || this.renderIdx < this.order.length) {
      this.schedule();
    }
  };

  /** Applies one event to the model. */
  Page.prototype.apply = function (e) {
    var d = e.data || {};
    if (LINE_TYPES[e.type]) {
      this.applyLine(e.type, d);
    } else if (e.type === 'gap') {
      this.push({ gap: true, from: d.from, to: d.to, el: null });
    } else if (e.type === 'start') {
      this.setStart(d);
    } else if (e.type === 'exit') {
      this.ended = true;
      this.setExit(d);
    }
  };

  Page.prototype.applyLine = function (stream, d) {
    var n = d.line;
    if (typeof n !== 'number' || n <= this.maxDropped) {
      return;
    }
    var text = typeof d.text === 'string' ? d.text : '';
    var rec = this.recs.get(n);
    if (!rec) {
      // cont: a piece of a line split at --max-line, shown as a row of its own
      rec = { n: n, stream: stream, text: text, partial: !!d.partial, cont: !!d.cont, time: d.time,
        el: null, plain: null, match: false };
      this.recs.set(n, rec);
      this.counts[stream] = (this.counts[stream] || 0) + 1;
      this.fitGutter(n);
      this.push(rec);
      return;
    }
    // A later version of the same line replaces the earlier one (partial lines, PROTOCOL.md).
    rec.text = text;
    rec.partial = !!d.partial;
    rec.time = d.time;
    rec.plain = null;
    if (rec.el) {
      this.dirty.add(rec);
    }
  };

  /**
   * The gutter is as wide as the run's highest line number, so that the text starts in the same
   * column on every line: it widens once per extra digit (at 1,000,000 and so on), for all lines.
   */
  Page.prototype.fitGutter = function (n) {
    var digits = String(n).length;
    if (digits > this.lnDigits) {
      this.lnDigits = digits;
      this.n.log.style.setProperty('--ln-digits', String(Math.max(5, digits)));
    }
  };

  Page.prototype.push = function (entry) {
    this.order.push(entry);
    while (this.order.length - this.head > this.maxLines) {
      this.evict();
    }
  };

  Page.prototype.evict = function () {
    var old = this.order[this.head];
    this.order[this.head] = undefined;
    this.head += 1;
    var chunk = old.el && old.el.parentNode;
    if (chunk) {
      chunk.removeChild(old.el);
      if (!chunk.firstChild) {
        chunk.parentNode.removeChild(chunk);
        if (chunk === this.chunk) {
          this.chunk = null;
        }
      }
    }
    if (!old.gap) {
      this.recs.delete(old.n);
      this.dirty.delete(old);
      this.droppedLines += 1;
      this.maxDropped = Math.max(this.maxDropped, old.n);
      if (old.el && old.match) {
        this.matches -= 1;
      }
    }
    if (this.renderIdx < this.head) {
      this.renderIdx = this.head;
    }
    if (this.head > 65536 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.renderIdx -= this.head;
      this.head = 0;
    }
  };

  Page.prototype.renderDirty = function () {
    var self = this;
    this.dirty.forEach(function (rec) {
      self.renderLine(rec);
    });
    this.dirty.clear();
  };

  /** Creates elements for new entries, oldest first, until the deadline. */
  Page.prototype.renderNew = function (deadline) {
    var added = 0;
    while (this.renderIdx < this.order.length) {
      if (added % 64 === 0 && added > 0 && window.performance.now() > deadline) {
        break;
      }
      var entry = this.order[this.renderIdx];
      this.renderIdx += 1;
      if (!this.chunk || this.chunk.childNodes.length >= CHUNK_LINES) {
        this.chunk = document.createElement('div');
        this.chunk.className = 'chunk';
        this.n.log.appendChild(this.chunk);
      }
      this.chunk.appendChild(entry.gap ? this.gapElement(entry) : this.lineElement(entry));
      added += 1;
    }
    return added;
  };

  Page.prototype.gapElement = function (g) {
    var el = document.createElement('div');
    el.className = 'line gap';
    el.setAttribute('data-gap-from', g.from);
    el.setAttribute('data-gap-to', g.to);
    el.setAttribute('role', 'note');
    var count = typeof g.to === 'number' && typeof g.from === 'number' ? g.to - g.from + 1 : 0;
    var text = document.createElement('span');
    text.className = 'text';
    text.textContent = '\u2026 ' + (count ? plural(count, 'event') : 'some events') +
      ' no longer retained by the server (ids ' + g.from + '\u2013' + g.to + '); log.txt has the lines \u2026';
    el.appendChild(text);
    g.el = el;
    return el;
  };

  Page.prototype.lineElement = function (rec) {
    var el = document.createElement('div');
    el.className = 'line ' + rec.stream;
    el.id = 'L' + rec.n;
    el.setAttribute('data-line', rec.n);
    el.setAttribute('data-stream', rec.stream);
    var ln = document.createElement('a');
    ln.className = 'ln';
    ln.href = '#L' + rec.n;
    ln.textContent = rec.cont ? '\u21AA' : String(rec.n);
    ln.setAttribute('aria-label', 'line ' + rec.n);
    var ts = document.createElement('span');
    ts.className = 'ts';
    var text = document.createElement('span');
    text.className = 'text';
    el.appendChild(ln);
    el.appendChild(ts);
    el.appendChild(text);
    rec.el = el;
    rec.match = false;
    this.renderLine(rec);
    return el;
  };

  Page.prototype.plainText = function (rec) {
    if (rec.plain === null) {
      rec.plain = stripAnsi(rec.text);
    }
    return rec.plain;
  };

  /** (Re)renders a line: its partial state, its time, then its filter state and text. */
  Page.prototype.renderLine = function (rec) {
    var el = rec.el;
    var partial = rec.partial;
    el.classList.toggle('partial', partial);
    if (partial) {
      el.setAttribute('data-partial', 'true');
    } else {
      el.removeAttribute('data-partial');
    }
    el.childNodes[1].textContent = typeof rec.time === 'number' ? clockTime(rec.time) : '';
    this.applyFilter(rec, true);
  };

  /**
   * Whether the line matches the filter, its marks, and its text: rebuilt when the line changed
   * (changed), or when it matches the filter or matched the one before. A new filter
   * touches nothing else of a line, so typing in the filter box does not redo up to 50,000 lines.
   */
  Page.prototype.applyFilter = function (rec, changed) {
    var el = rec.el;
    var wasMatch = rec.match;
    rec.match = this.regex ? this.regex.test(this.plainText(rec)) : false;
    this.regex && (this.regex.lastIndex = 0);
    if (wasMatch !== rec.match) {
      this.matches += rec.match ? 1 : -1;
    }
    el.classList.toggle('nomatch', !!this.regex && !rec.match);
    el.classList.toggle('match', rec.match);
    if (changed || rec.match || wasMatch) {
      this.renderText(el.childNodes[2], rec, rec.match ? this.regex : null);
    }
  };

  Page.prototype.renderText = function (container, rec, regex) {
    var ranges = [];
    if (regex) {
      var plain = this.plainText(rec);
      var m;
      regex.lastIndex = 0;
      while ((m = regex.exec(plain)) !== null) {
        ranges.push(m.index, m.index + m[0].length);
        if (m[0].length === 0) {
          regex.lastIndex += 1;
        }
      }
      regex.lastIndex = 0;
    }
    var frag = document.createDocumentFragment();
    var segments = parseAnsi(rec.text);
    var offset = 0;
    var r = 0;
    for (var s = 0; s < segments.length; s += 1) {
      var seg = segments[s];
      var target = isPlainStyle(seg.st) ? frag : frag.appendChild(styledSpan(seg.st));
      var start = offset;
      var end = offset + seg.text.length;
      var at = start;
      while (at < end) {
        while (r < ranges.length && ranges[r + 1] <= at) {
          r += 2;
        }
        if (r < ranges.length && ranges[r] <= at) {
          var stop = Math.min(end, ranges[r + 1]);
          var mark = document.createElement('mark');
          mark.textContent = seg.text.slice(at - start, stop - start);
          target.appendChild(mark);
          at = stop;
        } else {
          var next = r < ranges.length ? Math.min(end, ranges[r]) : end;
          target.appendChild(document.createTextNode(seg.text.slice(at - start, next - start)));
          at = next;
        }
      }
      offset = end;
    }
    container.textContent = '';
    container.appendChild(frag);
  };

  // -------------------------------------------------------------- filter

  Page.prototype.setQuery = function (q) {
    if (q === this.query) {
      return;
    }
    this.query = q;
    this.regex = q ? new RegExp(escapeRegExp(q), 'gi') : null;
    this.n.log.classList.toggle('filtering', !!q);
    for (var i = this.head; i < this.renderIdx; i += 1) {
      var entry = this.order[i];
      if (entry && !entry.gap && entry.el && (entry.match || this.regex)) {
        this.applyFilter(entry, false);
      }
    }
    this.showMatches();
    if (this.follow) {
      this.scrollToBottom();
    }
  };

  Page.prototype.showMatches = function () {
    this.n.matchCount.textContent = this.query ? plural(this.matches, 'line') + ' match' + (this.matches === 1 ? 'es' : '') : '';
    this.n.matchCount.setAttribute('data-matches', this.query ? String(this.matches) : '');
  };

  Page.prototype.showHidden = function () {
    var el = this.n.hiddenLines;
    if (this.droppedLines === 0) {
      el.hidden = true;
      return;
    }
    if (el.getAttribute('data-hidden') === String(this.droppedLines)) {
      return;
    }
    el.setAttribute('data-hidden', String(this.droppedLines));
    el.textContent = plural(this.droppedLines, 'earlier line') + ' hidden: this page keeps the last ' +
      this.maxLines.toLocaleString('en') + '. ';
    var a = document.createElement('a');
    a.href = this.baseUrl + 'log.txt';
    a.textContent = 'Download log.txt';
    a.setAttribute('download', 'log.txt');
    el.appendChild(a);
    el.appendChild(document.createTextNode(' for the whole output.'));
    el.hidden = false;
  };

  // ------------------------------------------------------------------ API

  function byId(id) {
    return document.getElementById(id);
  }

  /**
   * @param {Object} opts {source, nodes?, baseUrl?, maxLines?, notifications?}
   *   source: an SseWatch (or compatible); nodes default to the page's ids.
   * @return {Page} the running page, for tests
   */
  function init(opts) {
    opts = opts || {};
    var nodes = opts.nodes || {};
    var ids = {
      log: 'log', state: 'state', command: 'command', title: 'title', started: 'started',
      elapsed: 'elapsed', host: 'host', pid: 'pid', counts: 'counts', transport: 'transport',
      filter: 'filter', matchCount: 'match-count', timestamps: 'opt-timestamps', wrap: 'opt-wrap',
      follow: 'opt-follow', notify: 'notify', notice: 'notice', hiddenLines: 'hidden-lines',
      empty: 'empty', newLines: 'new-lines', favicon: 'favicon'
    };
    Object.keys(ids).forEach(function (key) {
      if (!nodes[key]) {
        nodes[key] = byId(ids[key]);
      }
    });
    var page = new Page({
      nodes: nodes, source: opts.source, baseUrl: opts.baseUrl,
      maxLines: opts.maxLines, notifications: opts.notifications
    });
    page.start();
    return page;
  }

  function boot() {
    var params = new URLSearchParams(window.location.search);
    var transport = params.get('transport');
    var maxLines = parseInt(params.get('maxLines'), 10);
    var source = new window.SseWatch('', { transport: transport || 'auto' });
    window.ssewatchPage = init({ source: source, maxLines: maxLines > 0 ? maxLines : undefined });
    window.ssewatchSource = source;
  }

  if (document.documentElement.hasAttribute('data-ssewatch-page')) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', boot);
    } else {
      boot();
    }
  }

  return { init: init, parseAnsi: parseAnsi, stripAnsi: stripAnsi, describeExit: describeExit };
}(window, document));
