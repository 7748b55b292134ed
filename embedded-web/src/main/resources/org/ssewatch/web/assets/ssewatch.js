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
      if (Object.prototype.hasOwnProperty.call(DEFAULTS, key)) {
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
    this.readyState = CONNECTING;
    this.lastEventId = '';
    this.transport = opts.transport === 'poll' || !window.EventSource ? 'poll' : 'sse';
    this.done = false;
    this.onopen = null;
    this.onerror = null;
    this.onmessage = null;

    this._lastId = Math.max(0, Math.floor(Number(opts.lastEventId) || 0));
    if (this._lastId > 0) {
      this.lastEventId = String(this._lastId);
    }
    this._listeners = {};
    this._es = null;
    this._esTypes = {};
    this._xhr = null;
    this._probe = null;
    this._timers = {};
    this._failures = 0;       // consecutive failed attempts, for the backoff
    this._sseFailures = 0;    // consecutive SSE attempts that never opened
    this._silence = opts.silenceTimeout;
    this._lastEventAt = 0;
    this._stopped = false;    // close() was called
    this._suspended = false;  // page hidden into the back-forward cache

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
    if (this._es && !STATE_TYPES[type]) {
      this._listenOnStream(type);
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
    if (this.done || this._stopped) {
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
    this.done = true;
    this._teardown();
    this.readyState = CLOSED;
  };

  proto._setOpen = function () {
    var wasOpen = this.readyState === OPEN;
    this.readyState = OPEN;
    this._failures = 0;
    if (!wasOpen) {
      this._dispatch('open', { type: 'open', transport: this.transport });
    }
  };

  /** A failed attempt: report it and schedule the next one with backoff. */
  proto._fail = function (reason, status) {
    this._teardown();
    if (this.done || this._stopped) {
      return;
    }
    var delay = this._backoff();
    this.readyState = CONNECTING;
    this._dispatch('error', {
      type: 'error', transport: this.transport, reason: reason,
      status: status === undefined ? null : status, retryIn: delay
    });
    this._schedule('retry', delay, this._connect);
  };

  /** Capped exponential backoff with full jitter in its upper half. */
  proto._backoff = function () {
    var o = this.options;
    var base = Math.min(o.maxRetry, o.minRetry * Math.pow(2, Math.min(this._failures, 20)));
    this._failures += 1;
    return Math.round(base / 2 + Math.random() * base / 2);
  };

  proto._switchTo = function (transport, reason) {
    if (this.transport === transport || this.done || this._stopped) {
      return;
    }
    var previous = this.transport;
    this._teardown();
    this.transport = transport;
    this._failures = 0;
    this.readyState = CONNECTING;
    this._dispatch('transport', {
      type: 'transport', transport: transport, previous: previous, reason: reason
    });
    this._connect();
  };

  // ---------------------------------------------------------------- lifecycle

  proto._connect = function () {
    this._clearTimer('retry');
    if (this.done || this._stopped || this._suspended) {
      return;
    }
    if (this.transport === 'sse') {
      this._openStream();
    } else {
      this._poll();
    }
  };

  /** Stops the current attempt, its timers and requests; keeps the position. */
  proto._teardown = function () {
    var name;
    for (name in this._timers) {
      if (Object.prototype.hasOwnProperty.call(this._timers, name)) {
        this._clearTimer(name);
      }
    }
    if (this._es) {
      this._es.onopen = null;
      this._es.onerror = null;
      this._es.close();
      this._es = null;
    }
    this._esTypes = {};
    if (this._xhr) {
      var xhr = this._xhr;
      this._xhr = null;
      xhr.abort();
    }
    if (this._probe) {
      var probe = this._probe;
      this._probe = null;
      probe.abort();
    }
  };

  proto._schedule = function (name, delay, fn) {
    var self = this;
    this._clearTimer(name);
    this._timers[name] = window.setTimeout(function () {
      delete self._timers[name];
      fn.call(self);
    }, delay);
  };

  proto._clearTimer = function (name) {
    if (this._timers[name] !== undefined) {
      window.clearTimeout(this._timers[name]);
      delete this._timers[name];
    }
  };

  /** Closes for good, like EventSource.close(). */
  proto.close = function () {
    this._stopped = true;
    this._teardown();
    this.readyState = CLOSED;
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
      if (e.persisted && !self.done && !self._stopped) {
        self._suspended = true;
        self._teardown();
        self.readyState = CONNECTING;
      }
    };
    var onShow = function (e) {
      if (e.persisted && self._suspended) {
        self._suspended = false;
        self._failures = 0;
        self._connect();
      }
    };
    var onOnline = function () {
      if (self._timers.retry !== undefined) {
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

  // ---------------------------------------------------------------- SSE

  proto._streamUrl = function () {
    return this.url + (this._lastId > 0 ? 'events?lastEventId=' + this._lastId : 'events');
  };

  proto._openStream = function () {
    var self = this;
    var es;
    try {
      es = new window.EventSource(this._streamUrl());
    } catch (e) {
      this._streamFailed('EventSource could not be created', true);
      return;
    }
    this._es = es;
    this._opened = false;
    var types = KNOWN_TYPES.concat(this.options.types || []);
    var type;
    for (type in this._listeners) {
      if (Object.prototype.hasOwnProperty.call(this._listeners, type) && !STATE_TYPES[type]) {
        types.push(type);
      }
    }
    for (var i = 0; i < types.length; i += 1) {
      this._listenOnStream(types[i]);
    }
    es.onopen = function () {
      if (self._es !== es) {
        return;
      }
      self._opened = true;
      self._sseFailures = 0;
      self._clearTimer('openTimeout');
      self._silence = self.options.silenceTimeout;
      self._armWatchdog();
      self._setOpen();
    };
    es.onerror = function () {
      if (self._es !== es) {
        return;
      }
      // Whatever the browser would do next (reconnect with the URL's stale
      // lastEventId, or give up for good), do it ourselves.
      var forGood = es.readyState === CLOSED;
      self._streamFailed(forGood ? 'stream closed' : 'stream error', forGood);
    };
    this._schedule('openTimeout', this.options.openTimeout, function () {
      this._streamFailed('no response within ' + this.options.openTimeout + ' ms', true);
    });
  };

  proto._listenOnStream = function (type) {
    if (!this._es || this._esTypes[type]) {
      return;
    }
    var self = this;
    var es = this._es;
    this._esTypes[type] = true;
    es.addEventListener(type, function (e) {
      if (self._es !== es) {
        return;
      }
      var id = parseInt(e.lastEventId, 10);
      if (self._deliver(type, id, parseJson(e.data)) && self._es === es) {
        // cheaper than resetting a timer per event: the timer checks this
        self._lastEventAt = Date.now();
        self._silence = self.options.silenceTimeout;
      }
    });
  };

  /**
   * Decides what an SSE failure leads to. In "auto" mode, a stream that is
   * closed for good (a non-200 answer, a wrong content type, a 204 whose exit
   * we have not seen) or that repeatedly fails before opening is a reason to
   * poll, but only if polling works: ask poll (wait=0) first. If it fails too,
   * the server or the network is down, not the stream, so stay on SSE and
   * retry with backoff. Otherwise the stream is retried with backoff.
   */
  proto._streamFailed = function (reason, forGood) {
    var self = this;
    if (!this._opened) {
      this._sseFailures += 1;
    }
    if (this.options.transport !== 'auto' ||
        !(forGood || this._sseFailures >= this.options.maxSseFailures)) {
      this._fail(reason);
      return;
    }
    this._teardown();
    this._probe = this._request(
      this.url + 'poll?after=' + this._lastId + '&wait=0&max=1',
      10000,
      function () {
        self._probe = null;
        self._switchTo('poll', reason);
      },
      function () {
        self._probe = null;
        self._fail(reason);
      }
    );
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
  proto._armWatchdog = function () {
    if (this.options.transport !== 'auto') {
      return;
    }
    this._clearTimer('grace');
    this._lastEventAt = Date.now();
    this._schedule('silence', this._silence, this._checkSilence);
  };

  proto._checkSilence = function () {
    var quiet = Date.now() - this._lastEventAt;
    if (quiet < this._silence) {
      this._schedule('silence', this._silence - quiet, this._checkSilence);
    } else {
      this._probeStream();
    }
  };

  proto._probeStream = function () {
    var self = this;
    var es = this._es;
    if (!es || this._probe) {
      return;
    }
    var asked = this._lastId;
    this._probe = this._request(
      this.url + 'poll?after=' + asked + '&wait=0&max=' + PROBE_EVENTS,
      5000,
      function (batch) {
        self._probe = null;
        if (self._es !== es) {
          return;
        }
        // The first event the stream would deliver: EventSource drops events of a type nobody
        // listens for (an embedder's own), so those never move _lastId and prove nothing.
        var first = null;
        var events = batch.events || [];
        for (var i = 0; i < events.length && !first; i += 1) {
          if (self._esTypes[events[i].type]) {
            first = events[i];
          }
        }
        var behind = first && Number(first.id) > self._lastId;
        if (!behind) {
          self._silence = Math.min(self._silence * 2, 60000);
          self._armWatchdog();
          return;
        }
        var expected = Number(first.id);
        self._schedule('grace', self.options.probeGrace, function () {
          if (self._lastId < expected) {
            self._switchTo('poll', 'the stream is holding events back');
          } else {
            self._armWatchdog();
          }
        });
      },
      function () {
        // The probe's own failure says nothing about the stream.
        self._probe = null;
        if (self._es === es) {
          self._armWatchdog();
        }
      }
    );
  };

  // ---------------------------------------------------------------- polling

  proto._poll = function () {
    var self = this;
    var asked = this._lastId;
    var wait = this.options.pollWait;
    this._xhr = this._request(
      this.url + 'poll?after=' + asked + (wait === 25 ? '' : '&wait=' + wait),
      this.options.pollTimeout,
      function (batch) {
        self._xhr = null;
        if (!batch || !Array.isArray(batch.events)) {
          self._fail('malformed poll answer', 200);
          return;
        }
        self._setOpen();
        var events = batch.events;
        for (var i = 0; i < events.length && !self.done && !self._stopped; i += 1) {
          var ev = events[i];
          if (ev) {
            self._deliver(String(ev.type), Number(ev.id), ev.data);
          }
        }
        if (batch.done && !self.done && !self._stopped) {
          self._finish();
        }
        if (!self.done && !self._stopped && self.transport === 'poll' && !self._xhr) {
          self._poll();
        }
      },
      function (reason, status) {
        self._xhr = null;
        self._fail(reason, status);
      }
    );
  };

  /**
   * GETs a JSON document with a timeout.
   * @return {{abort: function()}}
   */
  proto._request = function (url, timeout, onJson, onFail) {
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
  };

  return SseWatch;
}));
