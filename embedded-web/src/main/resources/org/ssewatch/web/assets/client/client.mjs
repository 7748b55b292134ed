/*
 * The SseWatch client: its options, its one named state, its listeners, and delivering each
 * journal event once whichever transport brought it (sse.mjs, poll.mjs).
 *
 * The client is in one named state at a time (this._state); readyState and done follow from it.
 *
 *   connecting --(a transport opened)--> open --(it failed)--> waiting --(retry)--> connecting
 *   connecting/open --(the stream is given up for polling)--> connecting, on the other transport
 *   any but done/closed --(page hidden into the back-forward cache)--> suspended --(shown)--> connecting
 *   any --(the exit event, or a poll answer saying done)--> done
 *   any --(close())--> closed (done stays done)
 */
import { Timers, abort, clamp, has, request } from './base.mjs';
import { SseTransport } from './sse.mjs';
import { PollTransport } from './poll.mjs';
import { bindPageLifecycle } from './lifecycle.mjs';

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSED = 2;

const READY_STATE = { connecting: CONNECTING, open: OPEN, waiting: CONNECTING, suspended: CONNECTING, done: CLOSED, closed: CLOSED };

/** The journal's own types (docs/PROTOCOL.md), which the stream always listens for. */
export const KNOWN_TYPES = ['start', 'stdout', 'stderr', 'stdin', 'exit', 'gap', 'group', 'annotation'];
const STATE_TYPES = { open: true, close: true, error: true, transport: true, message: true };

const DEFAULTS = {
  transport: 'auto',      // "auto" | "sse" | "poll"
  lastEventId: 0,         // resume after this id (0: the whole run)
  types: [],              // extra event types to listen for on the stream
  minRetry: 1000,         // first reconnect delay, ms
  maxRetry: 30000,        // reconnect delay cap, ms
  openTimeout: 5000,      // SSE: no response headers by then -> poll
  silenceTimeout: 5000,   // SSE: this long without an event -> probe
  probeGrace: 1500,       // SSE: time the stream gets to catch up with a probe
  maxSseFailures: 2,      // SSE: consecutive attempts that never opened -> poll
  pollWait: 25,           // poll: seconds the server may hold an empty poll
  pollTimeout: 35000      // poll: client timeout, longer than the hold
};

function options(given) {
  const opts = {};
  Object.keys(DEFAULTS).forEach((key) => {
    opts[key] = given && given[key] !== undefined ? given[key] : DEFAULTS[key];
  });
  if (opts.transport !== 'sse' && opts.transport !== 'poll') {
    opts.transport = 'auto';
  }
  opts.minRetry = clamp(opts.minRetry, 100, 3600000);
  opts.maxRetry = clamp(opts.maxRetry, opts.minRetry, 3600000);
  opts.openTimeout = clamp(opts.openTimeout, 500, 600000);
  opts.silenceTimeout = clamp(opts.silenceTimeout, 500, 600000);
  opts.probeGrace = clamp(opts.probeGrace, 0, 60000);
  opts.pollWait = clamp(opts.pollWait, 0, 25);
  opts.pollTimeout = clamp(opts.pollTimeout, 1000, 600000);
  return opts;
}

export class Client {
  /**
   * @param {Window} win the window whose EventSource, XMLHttpRequest and timers it uses
   * @param {string} baseUrl the URL ssewatch printed ('' or './' for the page's own directory)
   * @param {Object=} given see DEFAULTS
   */
  constructor(win, baseUrl, given) {
    const opts = options(given);
    baseUrl = baseUrl == null ? '' : String(baseUrl);
    if (baseUrl !== '' && baseUrl.charAt(baseUrl.length - 1) !== '/') {
      baseUrl += '/';
    }
    this._win = win;
    this.url = baseUrl;
    this.options = opts;
    this.lastEventId = '';
    this.transport = opts.transport === 'poll' || !win.EventSource ? 'poll' : 'sse';
    this.onopen = null;
    this.onclose = null;
    this.onerror = null;
    this.onmessage = null;

    this._state = 'connecting';
    this._lastId = Math.max(0, Math.floor(Number(opts.lastEventId) || 0));
    if (this._lastId > 0) {
      this.lastEventId = String(this._lastId);
    }
    this._listeners = {};
    this._transports = { sse: new SseTransport(this), poll: new PollTransport(this) };
    this._retry = new Timers(win, this);
    this._fallbackProbe = null;  // auto mode: asks poll whether it works before giving up the stream
    this._failures = 0;          // consecutive failed attempts, for the backoff

    this._unbindPageLifecycle = bindPageLifecycle(win, this);
    this._connect();
  }

  get readyState() { return READY_STATE[this._state]; }
  /** Whether the run's end was delivered: nothing more will come. */
  get done() { return this._state === 'done'; }
  // For tests and debugging: the EventSource and the poll request in use, and the silence allowed.
  get _es() { return this._transports.sse.es; }
  get _xhr() { return this._transports.poll.request; }
  get _silence() { return this._transports.sse.silence; }

  /** Whether the client is over for good: the run ended or close() was called. */
  _over() {
    return this._state === 'done' || this._state === 'closed';
  }

  // ---------------------------------------------------------------- listeners

  addEventListener(type, fn) {
    type = String(type);
    if (typeof fn !== 'function' && !(fn && typeof fn.handleEvent === 'function')) {
      return;
    }
    const list = this._listeners[type] || (this._listeners[type] = []);
    if (list.indexOf(fn) === -1) {
      list.push(fn);
    }
    if (!STATE_TYPES[type]) {
      this._transports.sse.listen(type);
    }
  }

  removeEventListener(type, fn) {
    const list = this._listeners[String(type)];
    const i = list ? list.indexOf(fn) : -1;
    if (i !== -1) {
      list.splice(i, 1);
    }
  }

  /** The journal types the stream should deliver: the known ones, options.types, and those listened for. */
  _streamTypes() {
    const types = KNOWN_TYPES.concat(this.options.types || []);
    Object.keys(this._listeners).forEach((type) => {
      if (!STATE_TYPES[type]) {
        types.push(type);
      }
    });
    return types;
  }

  /** Whether someone takes every event (a "message" listener), whatever its type. */
  _wantsEveryType() {
    return typeof this.onmessage === 'function' || (this._listeners.message || []).length > 0;
  }

  _dispatch(type, event) {
    const handler = this['on' + type];
    const list = (this._listeners[type] || []).slice();
    if (typeof handler === 'function') {
      list.unshift(handler);
    }
    list.forEach((fn) => {
      try {
        if (typeof fn === 'function') {
          fn.call(this, event);
        } else {
          fn.handleEvent(event);
        }
      } catch (e) {
        // Rethrown later, so that one listener cannot break delivery to the others.
        this._win.setTimeout(() => { throw e; }, 0);
      }
    });
  }

  // ---------------------------------------------------------------- delivery

  /**
   * The single entry point of both transports: delivers a journal event once.
   * Ids are consecutive across types, so anything at or below the last
   * delivered id is a repeat (a reconnect or a transport switch) and dropped.
   * A gap's own id is its `to`, so resuming after it needs no special case.
   * @return {boolean} whether the event was new
   */
  _deliver(type, id, data) {
    if (this._over()) {
      return false;
    }
    if (isFinite(id) && id > 0) {
      if (id <= this._lastId) {
        return false;
      }
      this._lastId = id;
      this.lastEventId = String(id);
    }
    const event = { type: type, id: id, lastEventId: this.lastEventId, data: data };
    this._dispatch(type, event);
    if (type !== 'message') {
      this._dispatch('message', event);
    }
    if (type === 'exit') {
      this._finish();
    }
    return true;
  }

  /** The run is over: nothing more will come, which "close" says once. */
  _finish() {
    this._teardown();
    this._state = 'done';
    this._dispatch('close', { type: 'close', transport: this.transport, lastEventId: this.lastEventId });
  }

  /** A transport delivers: announce it once per connection. */
  _setOpen() {
    const wasOpen = this._state === 'open';
    this._state = 'open';
    this._failures = 0;
    if (!wasOpen) {
      this._dispatch('open', { type: 'open', transport: this.transport });
    }
  }

  /** A failed attempt: report it and schedule the next one with backoff. */
  _fail(reason, status) {
    this._teardown();
    if (this._over()) {
      return;
    }
    const delay = this._backoff();
    this._state = 'waiting';
    this._dispatch('error', {
      type: 'error', transport: this.transport, reason: reason,
      status: status === undefined ? null : status, retryIn: delay
    });
    if (this._state === 'waiting') {
      this._retry.set('retry', delay, this._connect);
    }
  }

  /** Capped exponential backoff with full jitter in its upper half. */
  _backoff() {
    const o = this.options;
    const base = Math.min(o.maxRetry, o.minRetry * Math.pow(2, Math.min(this._failures, 20)));
    this._failures += 1;
    return Math.round(base / 2 + this._win.Math.random() * base / 2);
  }

  _switchTo(transport, reason) {
    if (this.transport === transport || this._over()) {
      return;
    }
    const previous = this.transport;
    this._teardown();
    this.transport = transport;
    this._failures = 0;
    this._state = 'connecting';
    this._dispatch('transport', { type: 'transport', transport: transport, previous: previous, reason: reason });
    this._connect();
  }

  // ---------------------------------------------------------------- lifecycle

  /** Opens the current transport, unless the client is over or suspended. */
  _connect() {
    this._retry.clear('retry');
    if (this._over() || this._state === 'suspended') {
      return;
    }
    this._state = 'connecting';
    this._transports[this.transport].open();
  }

  /** Stops the current attempt, its timers and requests; keeps the position. */
  _teardown() {
    this._retry.clearAll();
    this._transports.sse.close();
    this._transports.poll.close();
    this._fallbackProbe = abort(this._fallbackProbe);
  }

  /** Closes for good, like EventSource.close(). */
  close() {
    this._teardown();
    if (this._state !== 'done') {
      this._state = 'closed';
    }
    this._unbindPageLifecycle();
  }

  /**
   * Decides what an SSE failure leads to. In "auto" mode, a stream that is
   * closed for good (a non-200 answer, a wrong content type, a 204 whose exit
   * we have not seen) or that repeatedly fails before opening is a reason to
   * poll, but only if polling works: ask poll (wait=0) first. If it fails too,
   * the server or the network is down, not the stream, so stay on SSE and
   * retry with backoff. Otherwise the stream is retried with backoff.
   */
  _streamFailed(reason, forGood, neverOpened) {
    if (this.options.transport !== 'auto' || !(forGood || neverOpened >= this.options.maxSseFailures)) {
      this._fail(reason);
      return;
    }
    this._teardown();
    this._fallbackProbe = request(this._win, this.url + 'poll?after=' + this._lastId + '&wait=0&max=1', 10000,
      () => {
        this._fallbackProbe = null;
        this._switchTo('poll', reason);
      },
      () => {
        this._fallbackProbe = null;
        this._fail(reason);
      });
  }
}

/**
 * The public constructor on `win`: `new SseWatch(url, options)`, or without `new`, as before.
 * @return {Function}
 */
export function defineSseWatch(win) {
  function SseWatch(baseUrl, opts) {
    return new Client(win, baseUrl, opts);
  }
  SseWatch.prototype = Client.prototype;
  SseWatch.CONNECTING = CONNECTING;
  SseWatch.OPEN = OPEN;
  SseWatch.CLOSED = CLOSED;
  SseWatch.KNOWN_TYPES = KNOWN_TYPES.slice();
  return SseWatch;
}
