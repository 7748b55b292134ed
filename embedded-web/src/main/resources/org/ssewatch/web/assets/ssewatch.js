/*!
 * ssewatch.js: browser client for the ssewatch event journal.
 *
 * Reads the journal described in docs/PROTOCOL.md over Server-Sent Events
 * (GET events) and falls back to long-polling (GET poll) by itself. Both
 * transports deliver the same events: {type, id, lastEventId, data}.
 * No dependencies; usable on its own by any page.
 *
 *   var sw = new SseWatch('http://host:8080/TOKEN/', {transport: 'auto'});
 *   sw.addEventListener('stdout', function (e) { console.log(e.id, e.data.text); });
 *   sw.addEventListener('exit', function (e) { console.log('done', e.data.code); });
 *   sw.onerror = function (e) { console.log('connection problem', e.reason); };
 *
 * Journal events are dispatched under their own type (start, stdout, stderr,
 * stdin, exit, gap, and any other) and, unlike EventSource, also under
 * "message". A type of the embedder's own arrives over the stream only when
 * something listens for it or options.types names it (EventSource drops the
 * others); polling delivers every type.
 * State events: "open", "error" and "transport" (the transport changed).
 */
(function (root, factory) {
  'use strict';
  var SseWatch = factory(root);
  if (typeof module === 'object' && module && module.exports) {
    module.exports = SseWatch;
  }
  if (root) {
    root.SseWatch = SseWatch;
  }
}(typeof window !== 'undefined' ? window : this, function (window) {
  'use strict';

  var CONNECTING = 0;
  var OPEN = 1;
  var CLOSED = 2;

  /*
   * The client is in one named state at a time (this._state); readyState and done follow from it.
   *
   *   connecting --(a transport opened)--> open --(it failed)--> waiting --(retry)--> connecting
   *   connecting/open --(the stream is given up for polling)--> connecting, on the other transport
   *   any but done/closed --(page hidden into the back-forward cache)--> suspended --(shown)--> connecting
   *   any --(the exit event, or a poll answer saying done)--> done
   *   any --(close())--> closed (done stays done)
   */
  var S_CONNECTING = 'connecting';   // an attempt is under way (readyState CONNECTING)
  var S_OPEN = 'open';               // the transport delivers (readyState OPEN)
  var S_WAITING = 'waiting';         // between attempts: the retry timer runs (readyState CONNECTING)
  var S_SUSPENDED = 'suspended';     // in the back-forward cache, nothing open (readyState CONNECTING)
  var S_DONE = 'done';               // the run ended: nothing more will come (readyState CLOSED)
  var S_CLOSED = 'closed';           // close() was called (readyState CLOSED)
  var READY_STATE = { connecting: CONNECTING, open: OPEN, waiting: CONNECTING, suspended: CONNECTING, done: CLOSED, closed: CLOSED };

  var KNOWN_TYPES = ['start', 'stdout', 'stderr', 'stdin', 'exit', 'gap'];
  var STATE_TYPES = { open: true, error: true, transport: true, message: true };
  var PROBE_EVENTS = 100;   // events the silence probe looks through for one the stream delivers

  var DEFAULTS = {
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

  function clamp(value, min, max) {
    value = Number(value);
    if (!isFinite(value)) {
      return min;
    }
    return Math.min(Math.max(value, min), max);
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /** Rethrows a listener's exception later so it cannot break delivery. */
  function report(error) {
    window.setTimeout(function () { throw error; }, 0);
  }

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return text;
    }
  }

  /** Named one-shot timers, calling back with `self` as this. */
  function Timers(self) {
    this.self = self;
    this.ids = {};
  }

  Timers.prototype.set = function (name, delay, fn) {
    var timers = this;
    this.clear(name);
    this.ids[name] = window.setTimeout(function () {
      delete timers.ids[name];
      fn.call(timers.self);
    }, delay);
  };

  Timers.prototype.clear = function (name) {
    if (this.ids[name] !== undefined) {
      window.clearTimeout(this.ids[name]);
      delete this.ids[name];
    }
  };

  Timers.prototype.clearAll = function () {
    for (var name in this.ids) {
      if (has(this.ids, name)) {
        this.clear(name);
      }
    }
  };

  /**
   * GETs a JSON document with a timeout.
   * @return {{abort: function()}}
   */
  function request(url, timeout, onJson, onFail) {
    var xhr = new window.XMLHttpRequest();
    var finished = false;
    var finish = function (fn, a, b) {
      if (!finished) {
        finished = true;
        fn(a, b);
      }
    };
    xhr.open('GET', url, true);
    xhr.timeout = timeout;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.onload = function () {
      if (xhr.status !== 200) {
        finish(onFail, 'poll answered HTTP ' + xhr.status, xhr.status);
        return;
      }
      var body;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e) {
        finish(onFail, 'poll answer is not JSON', xhr.status);
        return;
      }
      finish(onJson, body);
    };
    xhr.onerror = function () { finish(onFail, 'network error', 0); };
    xhr.ontimeout = function () { finish(onFail, 'poll timed out', 0); };
    xhr.send();
    return {
      abort: function () {
        finished = true;
        xhr.abort();
      }
    };
  }

  function abort(req) {
    if (req) {
      req.abort();
    }
    return null;
  }

  /**
   * @param {string} baseUrl the URL ssewatch printed ('' or './' for the page's own directory)
   * @param {Object=} options see DEFAULTS
   * @constructor
   */
  function SseWatch(baseUrl, options) {
    if (!(this instanceof SseWatch)) {
      return new SseWatch(baseUrl, options);
    }
    var opts = {};
    var key;
    for (key in DEFAULTS) {
      if (has(DEFAULTS, key)) {
        opts[key] = options && options[key] !== undefined ? options[key] : DEFAULTS[key];
      }
    }
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

    baseUrl = baseUrl == null ? '' : String(baseUrl);
    if (baseUrl !== '' && baseUrl.charAt(baseUrl.length - 1) !== '/') {
      baseUrl += '/';
    }

    this.url = baseUrl;
    this.options = opts;
    this.lastEventId = '';
    this.transport = opts.transport === 'poll' || !window.EventSource ? 'poll' : 'sse';
    this.onopen = null;
    this.onerror = null;
    this.onmessage = null;

    this._state = S_CONNECTING;
    this._lastId = Math.max(0, Math.floor(Number(opts.lastEventId) || 0));
    if (this._lastId > 0) {
      this.lastEventId = String(this._lastId);
    }
    this._listeners = {};
    this._transports = { sse: new SseTransport(this), poll: new PollTransport(this) };
    this._retry = new Timers(this);
    this._fallbackProbe = null;  // auto mode: asks poll whether it works before giving up the stream
    this._failures = 0;          // consecutive failed attempts, for the backoff

    this._bindPageLifecycle();
    this._connect();
  }

  SseWatch.CONNECTING = CONNECTING;
  SseWatch.OPEN = OPEN;
  SseWatch.CLOSED = CLOSED;
  SseWatch.KNOWN_TYPES = KNOWN_TYPES.slice();

  var proto = SseWatch.prototype;
  proto.CONNECTING = CONNECTING;
  proto.OPEN = OPEN;
  proto.CLOSED = CLOSED;

  function getter(name, get) {
    Object.defineProperty(proto, name, { get: get, configurable: true, enumerable: true });
  }

  getter('readyState', function () { return READY_STATE[this._state]; });
  /** Whether the run's end was delivered: nothing more will come. */
  getter('done', function () { return this._state === S_DONE; });
  // For tests and debugging: the EventSource and the poll request in use, and the silence allowed.
  getter('_es', function () { return this._transports.sse.es; });
  getter('_xhr', function () { return this._transports.poll.request; });
  getter('_silence', function () { return this._transports.sse.silence; });

  /** Whether the client is over for good: the run ended or close() was called. */
  proto._over = function () {
    return this._state === S_DONE || this._state === S_CLOSED;
  };

  // ---------------------------------------------------------------- listeners

  proto.addEventListener = function (type, fn) {
    type = String(type);
    if (typeof fn !== 'function' && !(fn && typeof fn.handleEvent === 'function')) {
      return;
    }
    var list = this._listeners[type] || (this._listeners[type] = []);
    if (list.indexOf(fn) === -1) {
      list.push(fn);
    }
    if (!STATE_TYPES[type]) {
      this._transports.sse.listen(type);
    }
  };

  proto.removeEventListener = function (type, fn) {
    var list = this._listeners[String(type)];
    if (list) {
      var i = list.indexOf(fn);
      if (i !== -1) {
        list.splice(i, 1);
      }
    }
  };

  /** The journal types the stream should deliver: the known ones, options.types, and those listened for. */
  proto._streamTypes = function () {
    var types = KNOWN_TYPES.concat(this.options.types || []);
    for (var type in this._listeners) {
      if (has(this._listeners, type) && !STATE_TYPES[type]) {
        types.push(type);
      }
    }
    return types;
  };

  proto._dispatch = function (type, event) {
    var handler = this['on' + type];
    var list = (this._listeners[type] || []).slice();
    if (typeof handler === 'function') {
      list.unshift(handler);
    }
    for (var i = 0; i < list.length; i += 1) {
      try {
        if (typeof list[i] === 'function') {
          list[i].call(this, event);
        } else {
          list[i].handleEvent(event);
        }
      } catch (e) {
        report(e);
      }
    }
  };

  // ---------------------------------------------------------------- delivery

  /**
   * The single entry point of both transports: delivers a journal event once.
   * Ids are consecutive across types, so anything at or below the last
   * delivered id is a repeat (a reconnect or a transport switch) and dropped.
   * A gap's own id is its `to`, so resuming after it needs no special case.
   * @return {boolean} whether the event was new
   */
  proto._deliver = function (type, id, data) {
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
    var event = { type: type, id: id, lastEventId: this.lastEventId, data: data };
    this._dispatch(type, event);
    if (type !== 'message') {
      this._dispatch('message', event);
    }
    if (type === 'exit') {
      this._finish();
    }
    return true;
  };

  proto._finish = function () {
    this._teardown();
    this._state = S_DONE;
  };

  /** A transport delivers: announce it once per connection. */
  proto._setOpen = function () {
    var wasOpen = this._state === S_OPEN;
    this._state = S_OPEN;
    this._failures = 0;
    if (!wasOpen) {
      this._dispatch('open', { type: 'open', transport: this.transport });
    }
  };

  /** A failed attempt: report it and schedule the next one with backoff. */
  proto._fail = function (reason, status) {
    this._teardown();
    if (this._over()) {
      return;
    }
    var delay = this._backoff();
    this._state = S_WAITING;
    this._dispatch('error', {
      type: 'error', transport: this.transport, reason: reason,
      status: status === undefined ? null : status, retryIn: delay
    });
    if (this._state === S_WAITING) {
      this._retry.set('retry', delay, this._connect);
    }
  };

  /** Capped exponential backoff with full jitter in its upper half. */
  proto._backoff = function () {
    var o = this.options;
    var base = Math.min(o.maxRetry, o.minRetry * Math.pow(2, Math.min(this._failures, 20)));
    this._failures += 1;
    return Math.round(base / 2 + Math.random() * base / 2);
  };

  proto._switchTo = function (transport, reason) {
    if (this.transport === transport || this._over()) {
      return;
    }
    var previous = this.transport;
    this._teardown();
    this.transport = transport;
    this._failures = 0;
    this._state = S_CONNECTING;
    this._dispatch('transport', {
      type: 'transport', transport: transport, previous: previous, reason: reason
    });
    this._connect();
  };

  // ---------------------------------------------------------------- lifecycle

  /** Opens the current transport, unless the client is over or suspended. */
  proto._connect = function () {
    this._retry.clear('retry');
    if (this._over() || this._state === S_SUSPENDED) {
      return;
    }
    this._state = S_CONNECTING;
    this._transports[this.transport].open();
  };

  /** Stops the current attempt, its timers and requests; keeps the position. */
  proto._teardown = function () {
    this._retry.clearAll();
    this._transports.sse.close();
    this._transports.poll.close();
    this._fallbackProbe = abort(this._fallbackProbe);
  };

  /** Closes for good, like EventSource.close(). */
  proto.close = function () {
    this._teardown();
    if (this._state !== S_DONE) {
      this._state = S_CLOSED;
    }
    if (this._unbindPageLifecycle) {
      this._unbindPageLifecycle();
    }
  };

  /**
   * Pages restored from the back-forward cache have lost their connections;
   * a network coming back is worth an immediate retry.
   */
  proto._bindPageLifecycle = function () {
    if (typeof window.addEventListener !== 'function') {
      return;
    }
    var self = this;
    var onHide = function (e) {
      if (e.persisted && !self._over()) {
        self._teardown();
        self._state = S_SUSPENDED;
      }
    };
    var onShow = function (e) {
      if (e.persisted && self._state === S_SUSPENDED) {
        self._state = S_CONNECTING;
        self._failures = 0;
        self._connect();
      }
    };
    var onOnline = function () {
      if (self._state === S_WAITING) {
        self._failures = 0;
        self._connect();
      }
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('pageshow', onShow);
    window.addEventListener('online', onOnline);
    this._unbindPageLifecycle = function () {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('pageshow', onShow);
      window.removeEventListener('online', onOnline);
    };
  };

  /**
   * Decides what an SSE failure leads to. In "auto" mode, a stream that is
   * closed for good (a non-200 answer, a wrong content type, a 204 whose exit
   * we have not seen) or that repeatedly fails before opening is a reason to
   * poll, but only if polling works: ask poll (wait=0) first. If it fails too,
   * the server or the network is down, not the stream, so stay on SSE and
   * retry with backoff. Otherwise the stream is retried with backoff.
   */
  proto._streamFailed = function (reason, forGood, neverOpened) {
    var self = this;
    if (this.options.transport !== 'auto' || !(forGood || neverOpened >= this.options.maxSseFailures)) {
      this._fail(reason);
      return;
    }
    this._teardown();
    this._fallbackProbe = request(
      this.url + 'poll?after=' + this._lastId + '&wait=0&max=1',
      10000,
      function () {
        self._fallbackProbe = null;
        self._switchTo('poll', reason);
      },
      function () {
        self._fallbackProbe = null;
        self._fail(reason);
      }
    );
  };

  // ---------------------------------------------------------------- SSE

  /** The stream (GET events) through an EventSource, with its open timeout and silence watchdog. */
  function SseTransport(client) {
    this.client = client;
    this.es = null;
    this.types = {};             // the types the EventSource has listeners for
    this.opened = false;         // the current EventSource opened
    this.neverOpened = 0;        // consecutive attempts that never opened
    this.silence = client.options.silenceTimeout;
    this.lastEventAt = 0;
    this.probe = null;           // the silence probe in flight
    this.timers = new Timers(this);
  }

  SseTransport.prototype.url = function () {
    var c = this.client;
    return c.url + (c._lastId > 0 ? 'events?lastEventId=' + c._lastId : 'events');
  };

  SseTransport.prototype.open = function () {
    var self = this;
    var c = this.client;
    var es;
    try {
      es = new window.EventSource(this.url());
    } catch (e) {
      this.failed('EventSource could not be created', true);
      return;
    }
    this.es = es;
    this.opened = false;
    var types = c._streamTypes();
    for (var i = 0; i < types.length; i += 1) {
      this.listen(types[i]);
    }
    es.onopen = function () {
      if (self.es !== es) {
        return;
      }
      self.opened = true;
      self.neverOpened = 0;
      self.timers.clear('openTimeout');
      self.silence = c.options.silenceTimeout;
      self.armWatchdog();
      c._setOpen();
    };
    es.onerror = function () {
      if (self.es !== es) {
        return;
      }
      // Whatever the browser would do next (reconnect with the URL's stale
      // lastEventId, or give up for good), do it ourselves.
      var forGood = es.readyState === CLOSED;
      self.failed(forGood ? 'stream closed' : 'stream error', forGood);
    };
    this.timers.set('openTimeout', c.options.openTimeout, function () {
      this.failed('no response within ' + c.options.openTimeout + ' ms', true);
    });
  };

  SseTransport.prototype.close = function () {
    this.timers.clearAll();
    if (this.es) {
      this.es.onopen = null;
      this.es.onerror = null;
      this.es.close();
      this.es = null;
    }
    this.types = {};
    this.probe = abort(this.probe);
  };

  SseTransport.prototype.failed = function (reason, forGood) {
    if (!this.opened) {
      this.neverOpened += 1;
    }
    this.client._streamFailed(reason, forGood, this.neverOpened);
  };

  /** Makes the open EventSource deliver events of `type` (it drops types nobody listens for). */
  SseTransport.prototype.listen = function (type) {
    if (!this.es || this.types[type]) {
      return;
    }
    var self = this;
    var c = this.client;
    var es = this.es;
    this.types[type] = true;
    es.addEventListener(type, function (e) {
      if (self.es !== es) {
        return;
      }
      var id = parseInt(e.lastEventId, 10);
      if (c._deliver(type, id, parseJson(e.data)) && self.es === es) {
        // cheaper than resetting a timer per event: the timer checks this
        self.lastEventAt = Date.now();
        self.silence = c.options.silenceTimeout;
      }
    });
  };

  /**
   * The silence watchdog. EventSource hides heartbeat comments, so silence
   * alone proves nothing: an idle command legitimately sends no events. After
   * a silent spell, ask the poll endpoint (wait=0) whether the journal holds
   * an event after the last one delivered. If it does, give the stream a
   * grace period to deliver it; a stream still behind after that is being
   * held back (a buffering proxy or antivirus), so switch to polling. The
   * probe interval doubles while the stream stays silent and caught up.
   */
  SseTransport.prototype.armWatchdog = function () {
    if (this.client.options.transport !== 'auto') {
      return;
    }
    this.timers.clear('grace');
    this.lastEventAt = Date.now();
    this.timers.set('silence', this.silence, this.checkSilence);
  };

  SseTransport.prototype.checkSilence = function () {
    var quiet = Date.now() - this.lastEventAt;
    if (quiet < this.silence) {
      this.timers.set('silence', this.silence - quiet, this.checkSilence);
    } else {
      this.probeStream();
    }
  };

  SseTransport.prototype.probeStream = function () {
    var self = this;
    var c = this.client;
    var es = this.es;
    if (!es || this.probe) {
      return;
    }
    this.probe = request(
      c.url + 'poll?after=' + c._lastId + '&wait=0&max=' + PROBE_EVENTS,
      5000,
      function (batch) {
        self.probe = null;
        if (self.es !== es) {
          return;
        }
        // The first event the stream would deliver: EventSource drops events of a type nobody
        // listens for (an embedder's own), so those never move _lastId and prove nothing.
        var first = null;
        var events = batch.events || [];
        for (var i = 0; i < events.length && !first; i += 1) {
          if (self.types[events[i].type]) {
            first = events[i];
          }
        }
        var behind = first && Number(first.id) > c._lastId;
        if (!behind) {
          self.silence = Math.min(self.silence * 2, 60000);
          self.armWatchdog();
          return;
        }
        var expected = Number(first.id);
        self.timers.set('grace', c.options.probeGrace, function () {
          if (c._lastId < expected) {
            c._switchTo('poll', 'the stream is holding events back');
          } else {
            self.armWatchdog();
          }
        });
      },
      function () {
        // The probe's own failure says nothing about the stream.
        self.probe = null;
        if (self.es === es) {
          self.armWatchdog();
        }
      }
    );
  };

  // ---------------------------------------------------------------- polling

  /** Long-polling (GET poll?after=N), one request at a time, each asking after the last id delivered. */
  function PollTransport(client) {
    this.client = client;
    this.request = null;
  }

  PollTransport.prototype.open = function () {
    var self = this;
    var c = this.client;
    var wait = c.options.pollWait;
    this.request = request(
      c.url + 'poll?after=' + c._lastId + (wait === 25 ? '' : '&wait=' + wait),
      c.options.pollTimeout,
      function (batch) {
        self.request = null;
        if (!batch || !Array.isArray(batch.events)) {
          c._fail('malformed poll answer', 200);
          return;
        }
        c._setOpen();
        var events = batch.events;
        for (var i = 0; i < events.length && !c._over(); i += 1) {
          var ev = events[i];
          if (ev) {
            c._deliver(String(ev.type), Number(ev.id), ev.data);
          }
        }
        if (batch.done && !c._over()) {
          c._finish();
        }
        if (!c._over() && c.transport === 'poll' && !self.request) {
          self.open();
        }
      },
      function (reason, status) {
        self.request = null;
        c._fail(reason, status);
      }
    );
  };

  PollTransport.prototype.close = function () {
    this.request = abort(this.request);
  };

  return SseWatch;
}));
