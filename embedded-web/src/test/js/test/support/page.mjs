/**
 * The real index.html in jsdom, with the page's modules driven through init() by a fake event
 * source, on a fake clock, with a fake api/status and a simple layout (every line 20 px high), so
 * that a test says what arrives and reads what the page shows.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { FakeClock } from './clock.mjs';
import { fakeXhrClass } from './xhr.mjs';
import { ASSETS } from './paths.mjs';
import { init } from '../../../../main/resources/org/ssewatch/web/assets/page/page.mjs';

const INDEX = readFileSync(ASSETS + 'index.html', 'utf8');

/** Stands in for an SseWatch: the page only adds listeners and reads `transport`. */
export class FakeSource {
  constructor(transport) {
    this.transport = transport || 'sse';
    this.listeners = {};
    this.lastId = 0;
  }

  addEventListener(type, fn) {
    (this.listeners[type] = this.listeners[type] || []).push(fn);
  }

  /** Dispatches a state event (open, error, transport). */
  fire(type, event) {
    (this.listeners[type] || []).forEach((fn) => fn(Object.assign({ type: type }, event)));
  }

  /** Dispatches a journal event with the next id, under its type and as "message", as SseWatch does. */
  emit(type, data) {
    this.lastId += 1;
    const e = { id: this.lastId, lastEventId: String(this.lastId), data: data };
    this.fire(type, e);
    (this.listeners.message || []).forEach((fn) => fn(Object.assign({ type: type }, e)));
  }
}

/**
 * @param {Object=} opts {hash, maxLines, notifications, secure, transport, storage: {key: value},
 *   notification: a Notification class, before(win): called before init}
 */
export function openPage(opts) {
  opts = opts || {};
  const dom = new JSDOM(INDEX, { url: 'http://127.0.0.1:8080/Zk3TOKEN/' + (opts.hash || '') });
  const win = dom.window;
  const clock = new FakeClock();
  clock.install(win);
  const XHR = fakeXhrClass();
  win.XMLHttpRequest = XHR;
  win.performance.now = () => clock.now;
  Object.defineProperty(win, 'isSecureContext', { value: opts.secure !== false, configurable: true });
  if (opts.notification) {
    win.Notification = opts.notification;
  }
  Object.keys(opts.storage || {}).forEach((k) => win.localStorage.setItem(k, opts.storage[k]));

  // Layout: lines of 20 px under a 100 px header, in an 800 px window.
  const layout = { scrolls: [], intoView: [] };
  let scrollY = 0;
  Object.defineProperty(win, 'innerHeight', { value: 800, configurable: true });
  Object.defineProperty(win, 'scrollY', { get: () => scrollY, configurable: true });
  const height = () => 100 + 20 * win.document.querySelectorAll('#log .line').length;
  Object.defineProperty(win.document.documentElement, 'scrollHeight', { get: height, configurable: true });
  layout.height = height;
  /** The reader (or the page) scrolls to y, and the page hears of it. */
  layout.scrollTo = (y) => {
    scrollY = Math.max(0, Math.min(y, height() - 800));
    win.dispatchEvent(new win.Event('scroll'));
  };
  win.scrollTo = (x, y) => {
    scrollY = Math.max(0, Math.min(y, height() - 800));
    layout.scrolls.push(scrollY);
  };
  win.Element.prototype.scrollIntoView = function (o) {
    layout.intoView.push({ id: this.id, options: o });
  };

  const source = new FakeSource(opts.transport);
  if (opts.before) {
    opts.before(win);
  }
  // opts.fetch: the window's `lines` requests go there, and (tail first) the page makes its source
  // once it knows where to resume: `connected` records each lastEventId asked for.
  const connected = [];
  const how = opts.fetch
    ? { connect: (after) => { connected.push(after); return source; }, fetch: opts.fetch }
    : { source: source };
  const page = init(Object.assign(how, { window: win, maxLines: opts.maxLines, notifications: opts.notifications }));
  const doc = win.document;
  const $ = (id) => doc.getElementById(id);
  return {
    dom, win, doc, page, source, clock, XHR, layout, $, connected,
    /** Sends a line event and returns its line number. */
    line(n, text, extra) {
      source.emit((extra && extra.stream) || 'stdout', Object.assign({ line: n, time: 1732380000123 + n, text: text }, extra));
      return n;
    },
    /** A group's start or end, at line `at`, at `time` ms. */
    group(action, title, at, extra) {
      const name = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      source.emit('group', Object.assign({ action: action, name: name, title: title, at: at, collapsed: true,
        time: 1732380000000 + at }, extra));
    },
    /** Lets a frame pass, so that what was queued is applied and rendered. */
    frame() {
      clock.tick(16);
    },
    /** The lines shown: {n, stream, text, partial}. */
    lines() {
      return Array.from(doc.querySelectorAll('#log .line[data-line]')).map((e) => ({
        n: Number(e.getAttribute('data-line')), stream: e.getAttribute('data-stream'),
        text: e.querySelector('.text').textContent, partial: e.hasAttribute('data-partial')
      }));
    },
    /** Answers the page's api/status request. */
    status(body) {
      const r = XHR.pending('api/status');
      if (r.length !== 1) {
        throw new Error(r.length + ' api/status requests are waiting');
      }
      r[0].respond(200, body);
    },
    close() {
      win.close();
    }
  };
}

export const START = {
  time: 1732380000000, command: ['make', '-j8', 'all tests'], cwd: '/src', host: 'buildbox', pid: 4242,
  title: null, mode: 'command', pty: false
};

export function exitPayload(over) {
  return Object.assign({ time: 1732380065000, code: 0, signal: null, status: 0, duration: 65000, reason: 'exited', message: null }, over);
}
