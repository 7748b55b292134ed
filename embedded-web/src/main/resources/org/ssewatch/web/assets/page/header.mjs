/*
 * The header: what runs (command, title, host, pid, times, line counts), its state (the chip, the
 * favicon, the document's title), the connection (transport, notices) and the notification when
 * the run ends.
 */
import { duration, shellQuote } from './words.mjs';
import { progressIcon } from './progress.mjs';
import { showLaunch } from './launch.mjs';

/** What an exit payload means, as page state and words. */
export function describeExit(x) {
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
  if (x.reason === 'interrupted') {
    // a saved run whose ssewatch stopped before the end (ssewatch show)
    return { state: 'failed', text: 'interrupted' };
  }
  const code = x.code !== null && x.code !== undefined ? x.code : x.status;
  if (x.reason === 'eof') {
    return code ? { state: 'failed', text: 'input ended, status ' + code } : { state: 'ok', text: 'input ended' };
  }
  return code === 0 ? { state: 'ok', text: 'exited 0' } : { state: 'failed', text: 'failed with ' + code };
}

const MARKS = { ok: '\u2714', failed: '\u2716', running: '\u25B6' };

export class Header {
  /**
   * @param {Object} opts {nodes, window, source, log, baseUrl, notifications, onExit()}
   *   log: the page's Log (whether the stream has ended, the line counts); onExit: called when the
   *   run's end is known, before the notification.
   */
  constructor(opts) {
    const win = opts.window;
    this.n = opts.nodes;
    this.win = win;
    this.doc = win.document;
    this.source = opts.source;
    this.log = opts.log;
    this.baseUrl = opts.baseUrl || '';
    this.onExit = opts.onExit || function () {};
    // Browsers grant notifications only to secure contexts (https, localhost): on the http LAN
    // address ssewatch prints, asking could only ever be refused, so the button says why instead.
    this.notifyWhyNot = win.isSecureContext ? '' : 'Notifications need https or localhost';
    this.notifications = opts.notifications !== false &&
      (typeof win.Notification === 'function' || this.notifyWhyNot !== '');
    this.started = null;
    this.exit = null;
    this.commandText = '';
    this.runTitle = '';
    this.notifyOptIn = false;
    this.fallback = null;      // why the page polls, once the stream was given up
    this.lost = false;
    this.percent = null;       // the command's progress, while it runs
    this.timers = {};
  }

  /** Shows the notify button, or why notifications cannot work here. */
  initNotify() {
    const n = this.n;
    if (this.notifications && n.notify) {
      n.notify.hidden = false;
      if (this.notifyWhyNot) {
        n.notify.disabled = true;
        n.notify.title = this.notifyWhyNot;
        n.notify.setAttribute('data-why-not', this.notifyWhyNot);
      } else {
        n.notify.addEventListener('click', () => this.askNotify());
      }
    }
  }

  startClock() {
    this.timers.elapsed = this.win.setInterval(() => this.showElapsed(), 1000);
  }

  // -------------------------------------------------------------- connection

  showTransport() {
    if (!this.source) {
      return; // tail first: not connected before the window is loaded
    }
    const t = this.source.transport;
    this.n.transport.textContent = t === 'sse' ? 'Server-Sent Events' : 'long-polling';
    this.n.transport.setAttribute('data-transport', t);
  }

  onTransport(e) {
    this.showTransport();
    if (e.transport === 'poll') {
      this.fallback = e.reason || 'stream unavailable';
      this.notice('poll', 'Live stream unavailable (' + this.fallback + '): switched to long-polling.');
    }
  }

  onError(e) {
    if (this.exit) {
      return;
    }
    this.lost = true;
    const retry = e && e.retryIn ? ' Retrying in ' + Math.max(1, Math.round(e.retryIn / 1000)) + ' s.' : '';
    this.notice('lost', 'Connection lost' + (e && e.reason ? ' (' + e.reason + ')' : '') + '.' + retry);
    this.showState();
  }

  onOpen() {
    this.showTransport();
    if (this.lost) {
      this.lost = false;
      this.notice('back', 'Connection restored' + (this.source.transport === 'poll' ? ' (long-polling).' : '.'), 4000);
    }
    this.showState();
  }

  /** One notice at a time; a timed one gives way to the polling notice. */
  notice(kind, text, ms) {
    const el = this.n.notice;
    this.win.clearTimeout(this.timers.notice);
    el.textContent = text;
    el.setAttribute('data-kind', kind);
    el.hidden = false;
    if (ms) {
      this.timers.notice = this.win.setTimeout(() => {
        if (this.fallback && !this.exit) {
          this.notice('poll', 'Using long-polling: the live stream was unavailable (' + this.fallback + ').');
        } else {
          el.hidden = true;
          el.setAttribute('data-kind', '');
        }
      }, ms);
    }
  }

  // -------------------------------------------------------------- the run

  /** api/status: the header before the start event arrives, and the final counts after the end. */
  fetchStatus() {
    const xhr = new this.win.XMLHttpRequest();
    xhr.open('GET', this.baseUrl + 'api/status', true);
    xhr.timeout = 10000;
    xhr.onload = () => {
      if (xhr.status !== 200) {
        return;
      }
      let s;
      try {
        s = JSON.parse(xhr.responseText);
      } catch (e) {
        return;
      }
      if (!this.started) {
        this.setStart({ time: s.started, command: s.command, host: s.host, pid: s.pid, title: s.title, mode: s.mode });
      }
      showLaunch(this.n, s);
      // tail first, the lines before the window never pass through the page: the server counts them
      if (s.lines && (this.log.ended || this.log.tailFirst)) {
        this.log.counts = { stdout: s.lines.stdout || 0, stderr: s.lines.stderr || 0, stdin: s.lines.stdin || 0 };
        this.showCounts();
      }
      if (s.exit && !this.exit) {
        this.setExit(s.exit);
      }
    };
    xhr.send();
  }

  setStart(d) {
    const n = this.n;
    this.started = d;
    const cmd = Array.isArray(d.command) ? d.command : [];
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
  }

  setExit(x) {
    this.exit = x;
    this.lost = false;
    this.win.clearInterval(this.timers.elapsed);
    this.showElapsed();
    this.showState();
    if (this.n.notify) {
      this.n.notify.hidden = true;
    }
    if (this.n.notice.getAttribute('data-kind') !== '') {
      this.n.notice.hidden = true;
      this.n.notice.setAttribute('data-kind', '');
    }
    this.onExit();
    this.notifyEnd();
    if (this.log.ended) {
      // The final counts (what the server counted, split pieces as one line). Before the stream
      // has delivered the end (a page opened after the run, replaying it), lines still to come
      // would be added on top of them.
      this.fetchStatus();
    }
  }

  showElapsed() {
    const s = this.started;
    if (!s || typeof s.time !== 'number') {
      return;
    }
    const x = this.exit;
    const ms = x && typeof x.duration === 'number' ? x.duration : (x && x.time ? x.time - s.time : Date.now() - s.time);
    this.n.elapsed.textContent = duration(ms);
  }

  /** The state chip, the page's data-state, the favicon and the document's title. */
  showState() {
    const d = describeExit(this.exit);
    let state = d.state;
    let text = d.text;
    if (!this.exit && !this.started) {
      state = 'connecting';
      text = 'connecting';
    } else if (!this.exit && this.lost) {
      state = 'lost';
      text = 'running? (offline)';
    }
    const chip = this.n.state;
    chip.textContent = text;
    chip.setAttribute('data-state', state);
    chip.title = this.exit && this.exit.message ? this.exit.message : '';
    this.doc.documentElement.setAttribute('data-state', state);
    const icon = state === 'ok' ? 'ok' : (state === 'failed' || state === 'killed' ? 'failed' : 'running');
    const pct = this.exit ? null : this.percent;
    if (this.n.favicon) {
      // favicon.svg holds one <view> per state; the query makes browsers reload it
      this.n.favicon.setAttribute('href', pct !== null ? progressIcon(pct) : 'favicon.svg?' + icon + '#' + icon);
    }
    const what = this.runTitle || this.commandText;
    this.doc.title = (pct !== null ? pct + '% ' : '') + MARKS[icon] + ' ' + text + (what ? ' \u2014 ' + what : '') +
      ' \u2014 ssewatch';
  }

  /** The command's progress (a whole percentage, or null), in the title and on the favicon. */
  setProgress(pct) {
    if (pct !== this.percent) {
      this.percent = pct;
      this.showState();
    }
  }

  showCounts() {
    const c = this.log.counts;
    const parts = [c.stdout.toLocaleString('en') + ' out', c.stderr.toLocaleString('en') + ' err'];
    if (c.stdin) {
      parts.push(c.stdin.toLocaleString('en') + ' in');
    }
    const el = this.n.counts;
    el.textContent = parts.join(' \u00B7 ');
    el.setAttribute('data-stdout', c.stdout);
    el.setAttribute('data-stderr', c.stderr);
    el.setAttribute('data-stdin', c.stdin);
  }

  // -------------------------------------------------------------- notification

  askNotify() {
    const btn = this.n.notify;
    const done = (permission) => {
      this.notifyOptIn = permission === 'granted';
      btn.textContent = this.notifyOptIn ? 'Will notify' : 'Notifications blocked';
      btn.setAttribute('aria-pressed', String(this.notifyOptIn));
      btn.disabled = true;
    };
    try {
      const p = this.win.Notification.requestPermission(done);
      if (p && typeof p.then === 'function') {
        p.then(done);
      }
    } catch (e) {
      done('denied');
    }
  }

  notifyEnd() {
    if (!this.notifyOptIn) {
      return;
    }
    try {
      const d = describeExit(this.exit);
      const note = new this.win.Notification('ssewatch: ' + d.text, {
        body: this.runTitle || this.commandText, icon: 'favicon.svg', tag: 'ssewatch-exit'
      });
      note.onclick = () => { this.win.focus(); };
    } catch (e) {
      // some mobile browsers only notify from a service worker
    }
  }
}
