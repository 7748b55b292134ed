/*
 * s and S: the next and the first stderr line of the whole run, found by the server's `search`
 * with `stream=stderr` (docs/PROTOCOL.md), following `continue` until a hit or the end, then
 * shown, loading its lines. "Next" is after the last one gone to, or after the line on screen.
 */
import { LatestRequest } from './latest.mjs';

export class StderrJump {
  /** @param {Object} opts {window, fetch, baseUrl, reading(): the line on screen, goTo(line), notice(kind, text, ms)} */
  constructor(opts) {
    this.o = opts;
    this.enabled = typeof opts.fetch === 'function';
    this.last = 0;
    this.request = new LatestRequest(opts.window, opts.fetch);
  }

  /** The first stderr line of the run (first true) or the next one. */
  go(first) {
    if (!this.enabled) {
      return;
    }
    const after = first ? 0 : this.last || Math.max(0, this.o.reading() - 1);
    this.ask(after + 1, after); // another s or S since drops the answer to this one
  }

  ask(from, after) {
    this.request.get((this.o.baseUrl || '') + 'search?stream=stderr&limit=1&first=1&from=' + from, (a) => {
      if (!a) {
        this.o.notice('info', 'Could not look for stderr lines.', 4000);
      } else if (a.hits && a.hits.length) {
        this.last = a.hits[0].line;
        this.o.goTo(this.last);
      } else if (typeof a.continue === 'number') {
        this.ask(a.continue, after);
      } else {
        this.o.notice('info', after ? 'No stderr line after line ' + after.toLocaleString('en') + '.' : 'No stderr line in this run.', 4000);
      }
    });
  }
}
