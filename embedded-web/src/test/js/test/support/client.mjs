/**
 * ssewatch.js's client (client/client.mjs, which ssewatch.js puts on the real window) on a fake
 * window: a fake clock, a fake EventSource and a fake XMLHttpRequest, so that a test plays the
 * server's part step by step.
 */
import { FakeClock } from './clock.mjs';
import { fakeXhrClass } from './xhr.mjs';
import { defineSseWatch } from '../../../../main/resources/org/ssewatch/web/assets/client/client.mjs';

export function fakeEventSourceClass() {
  const instances = [];
  class FakeEventSource {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.listeners = {};
      this.onopen = null;
      this.onerror = null;
      this.closed = false;
      instances.push(this);
    }

    addEventListener(type, fn) {
      (this.listeners[type] = this.listeners[type] || []).push(fn);
    }

    close() {
      this.closed = true;
      this.readyState = 2;
    }

    /** The response headers arrived. */
    open() {
      this.readyState = 1;
      if (this.onopen) {
        this.onopen({ type: 'open' });
      }
    }

    /** An event frame arrived; dropped, as by EventSource, if nobody listens for its type. */
    send(type, id, data) {
      const e = { type: type, lastEventId: String(id), data: typeof data === 'string' ? data : JSON.stringify(data) };
      (this.listeners[type] || []).forEach((fn) => fn(e));
    }

    /** The connection failed: the browser would reconnect, or (forGood) give up. */
    error(forGood) {
      this.readyState = forGood ? 2 : 0;
      if (this.onerror) {
        this.onerror({ type: 'error' });
      }
    }

    /** Types it has listeners for. */
    get types() {
      return Object.keys(this.listeners);
    }
  }
  FakeEventSource.instances = instances;
  FakeEventSource.last = () => instances[instances.length - 1];
  return FakeEventSource;
}

/**
 * A window with ssewatch.js loaded. `opts.eventSource: false` leaves EventSource out.
 * @return {{win, clock, ES, XHR, SseWatch, client(url, options), recorder(client, types), fire(type, persisted)}}
 */
export function loadClient(opts) {
  opts = opts || {};
  const clock = new FakeClock();
  const ES = fakeEventSourceClass();
  const XHR = fakeXhrClass();
  const listeners = {};
  const win = {
    XMLHttpRequest: XHR,
    addEventListener: (type, fn) => { (listeners[type] = listeners[type] || []).push(fn); },
    removeEventListener: (type, fn) => {
      listeners[type] = (listeners[type] || []).filter((f) => f !== fn);
    },
    listeners: listeners
  };
  if (opts.eventSource !== false) {
    win.EventSource = ES;
  }
  clock.install(win);
  win.window = win;
  // Date.now on the fake clock, Math.random fixed: delays are exact.
  win.Date = { now: () => clock.now };
  win.Math = { random: () => 0.5 };
  const SseWatch = defineSseWatch(win);
  return {
    win, clock, ES, XHR, SseWatch,
    client(url, options) {
      return new SseWatch(url, options);
    },
    /** Records every event the client dispatches, as [type, id or reason or transport]. */
    recorder(client, types) {
      const got = [];
      (types || ['open', 'error', 'transport', 'start', 'stdout', 'stderr', 'exit', 'gap']).forEach((type) => {
        client.addEventListener(type, (e) => {
          got.push(type === 'error' ? [type, e.reason, e.retryIn] : type === 'transport' ? [type, e.transport, e.reason]
            : type === 'open' ? [type, e.transport] : [type, e.id]);
        });
      });
      return got;
    },
    /** A page lifecycle event on the window (pagehide, pageshow, online). */
    fire(type, persisted) {
      (listeners[type] || []).slice().forEach((fn) => fn({ type: type, persisted: !!persisted }));
    }
  };
}

/** A poll answer: events as [id, type, data]. */
export function batch(events, done) {
  const list = events.map((e) => ({ id: e[0], type: e[1], data: e[2] === undefined ? { line: e[0], text: 'l' + e[0] } : e[2] }));
  return { events: list, last: list.length ? list[list.length - 1].id : 0, done: !!done };
}
