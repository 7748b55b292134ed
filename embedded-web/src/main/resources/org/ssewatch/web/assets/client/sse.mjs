/*
 * The stream (GET events) through an EventSource, with its open timeout, its silence watchdog,
 * and the fill-in of events of types the EventSource was not listening for.
 */
import { Timers, abort, parseJson, request } from './base.mjs';

const ES_CLOSED = 2;
const PROBE_EVENTS = 100;   // events the silence probe looks through for one the stream delivers
const FILL_MAX = 1000;      // the poll endpoint's ceiling per answer

export class SseTransport {
  constructor(client) {
    this.client = client;
    this.win = client._win;
    this.es = null;
    this.types = {};             // the types the EventSource has listeners for
    this.opened = false;         // the current EventSource opened
    this.neverOpened = 0;        // consecutive attempts that never opened
    this.silence = client.options.silenceTimeout;
    this.lastEventAt = 0;
    this.probe = null;           // the silence probe in flight
    this.filling = null;         // the fill-in request in flight
    this.held = [];              // stream events waiting for the fill-in before them
    this.timers = new Timers(this.win, this);
  }

  url() {
    const c = this.client;
    return c.url + (c._lastId > 0 ? 'events?lastEventId=' + c._lastId : 'events');
  }

  open() {
    const c = this.client;
    let es;
    try {
      es = new this.win.EventSource(this.url());
    } catch (e) {
      this.failed('EventSource could not be created', true);
      return;
    }
    this.es = es;
    this.opened = false;
    c._streamTypes().forEach((type) => this.listen(type));
    es.onopen = () => {
      if (this.es !== es) {
        return;
      }
      this.opened = true;
      this.neverOpened = 0;
      this.timers.clear('openTimeout');
      this.silence = c.options.silenceTimeout;
      this.armWatchdog();
      c._setOpen();
    };
    es.onerror = () => {
      if (this.es !== es) {
        return;
      }
      // Whatever the browser would do next (reconnect with the URL's stale
      // lastEventId, or give up for good), do it ourselves.
      const forGood = es.readyState === ES_CLOSED;
      this.failed(forGood ? 'stream closed' : 'stream error', forGood);
    };
    this.timers.set('openTimeout', c.options.openTimeout, function () {
      this.failed('no response within ' + c.options.openTimeout + ' ms', true);
    });
  }

  close() {
    this.timers.clearAll();
    if (this.es) {
      this.es.onopen = null;
      this.es.onerror = null;
      this.es.close();
      this.es = null;
    }
    this.types = {};
    this.probe = abort(this.probe);
    this.filling = abort(this.filling);
    this.held = [];
  }

  failed(reason, forGood) {
    if (!this.opened) {
      this.neverOpened += 1;
    }
    this.client._streamFailed(reason, forGood, this.neverOpened);
  }

  /** Makes the open EventSource deliver events of `type` (it drops types nobody listens for). */
  listen(type) {
    if (!this.es || this.types[type]) {
      return;
    }
    const es = this.es;
    this.types[type] = true;
    es.addEventListener(type, (e) => {
      if (this.es === es) {
        this.receive(type, parseInt(e.lastEventId, 10), parseJson(e.data));
      }
    });
  }

  /**
   * An event from the stream. Ids are consecutive across types, so one more than a step past the
   * last delivered means the EventSource dropped events of types it was not told of. When the
   * client wants every type (a "message" listener), those are fetched from poll first, and this
   * event and any after it wait, so that every listener sees the ids in order, as on poll.
   */
  receive(type, id, data) {
    const c = this.client;
    if (this.filling) {
      this.held.push([type, id, data]);
      return;
    }
    if (isFinite(id) && id > c._lastId + 1 && c._wantsEveryType()) {
      this.held.push([type, id, data]);
      this.fill(id);
      return;
    }
    if (c._deliver(type, id, data)) {
      // cheaper than resetting a timer per event: the timer checks this
      this.lastEventAt = this.win.Date.now();
      this.silence = c.options.silenceTimeout;
    }
  }

  /** Fetches the events before `before` that the stream skipped, then lets the held ones go. */
  fill(before) {
    const c = this.client;
    const es = this.es;
    const from = c._lastId;
    this.filling = request(this.win,
      c.url + 'poll?after=' + from + '&wait=0&max=' + Math.min(FILL_MAX, before - from - 1), 10000,
      (batch) => {
        this.filling = null;
        if (this.es !== es) {
          return;
        }
        (batch.events || []).forEach((ev) => {
          if (ev && Number(ev.id) < before) {
            c._deliver(String(ev.type), Number(ev.id), ev.data);
          }
        });
        if (c._lastId > from && c._lastId < before - 1) {
          this.fill(before);   // the answer was bounded in bytes: the rest next
        } else {
          this.release();
        }
      },
      () => {
        // Without poll, the stream's events go on as EventSource would deliver them.
        this.filling = null;
        if (this.es === es) {
          this.release(true);
        }
      });
  }

  release(unfilled) {
    const held = this.held;
    this.held = [];
    held.forEach((e) => {
      if (unfilled && !this.filling) {
        this.client._deliver(e[0], e[1], e[2]);
      } else {
        this.receive(e[0], e[1], e[2]);
      }
    });
  }

  /**
   * The silence watchdog. EventSource hides heartbeat comments, so silence
   * alone proves nothing: an idle command legitimately sends no events. After
   * a silent spell, ask the poll endpoint (wait=0) whether the journal holds
   * an event after the last one delivered. If it does, give the stream a
   * grace period to deliver it; a stream still behind after that is being
   * held back (a buffering proxy or antivirus), so switch to polling. The
   * probe interval doubles while the stream stays silent and caught up.
   */
  armWatchdog() {
    if (this.client.options.transport !== 'auto') {
      return;
    }
    this.timers.clear('grace');
    this.lastEventAt = this.win.Date.now();
    this.timers.set('silence', this.silence, this.checkSilence);
  }

  checkSilence() {
    const quiet = this.win.Date.now() - this.lastEventAt;
    if (quiet < this.silence) {
      this.timers.set('silence', this.silence - quiet, this.checkSilence);
    } else {
      this.probeStream();
    }
  }

  probeStream() {
    const c = this.client;
    const es = this.es;
    if (!es || this.probe) {
      return;
    }
    this.probe = request(this.win,
      c.url + 'poll?after=' + c._lastId + '&wait=0&max=' + PROBE_EVENTS, 5000,
      (batch) => {
        this.probe = null;
        if (this.es === es) {
          this.judgeProbe(batch);
        }
      },
      () => {
        // The probe's own failure says nothing about the stream.
        this.probe = null;
        if (this.es === es) {
          this.armWatchdog();
        }
      });
  }

  judgeProbe(batch) {
    const c = this.client;
    // The first event the stream would deliver: EventSource drops events of a type nobody
    // listens for (an embedder's own), so those never move _lastId and prove nothing.
    const first = (batch.events || []).find((ev) => this.types[ev.type]) || null;
    const behind = first && Number(first.id) > c._lastId;
    if (!behind) {
      this.silence = Math.min(this.silence * 2, 60000);
      this.armWatchdog();
      return;
    }
    const expected = Number(first.id);
    this.timers.set('grace', c.options.probeGrace, function () {
      if (c._lastId < expected) {
        c._switchTo('poll', 'the stream is holding events back');
      } else {
        this.armWatchdog();
      }
    });
  }
}
