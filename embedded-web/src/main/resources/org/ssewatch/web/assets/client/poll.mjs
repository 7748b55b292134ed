/* Long-polling (GET poll?after=N), one request at a time, each asking after the last id delivered. */
import { abort, request } from './base.mjs';

export class PollTransport {
  constructor(client) {
    this.client = client;
    this.request = null;
  }

  open() {
    const c = this.client;
    const wait = c.options.pollWait;
    this.request = request(
      c._win,
      c.url + 'poll?after=' + c._lastId + (wait === 25 ? '' : '&wait=' + wait),
      c.options.pollTimeout,
      (batch) => {
        this.request = null;
        if (!batch || !Array.isArray(batch.events)) {
          c._fail('malformed poll answer', 200);
          return;
        }
        c._setOpen();
        const events = batch.events;
        for (let i = 0; i < events.length && !c._over(); i += 1) {
          const ev = events[i];
          if (ev) {
            c._deliver(String(ev.type), Number(ev.id), ev.data);
          }
        }
        if (batch.done && !c._over()) {
          c._finish();
        }
        if (!c._over() && c.transport === 'poll' && !this.request) {
          this.open();
        }
      },
      (reason, status) => {
        this.request = null;
        c._fail(reason, status);
      }
    );
  }

  close() {
    this.request = abort(this.request);
  }
}
