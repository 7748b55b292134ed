/*
 * The search near the reader (for search.mjs): while the count goes from line 1 on, this asks
 * the server's `search` from the line on screen to the end, then in growing stretches back from
 * it towards line 1, for one hit, so that a hit near where the reader is shows at once even on a
 * run of millions of lines. It stops at its first hit, when the query changes, and where the
 * count has already been. It uses its own `viewer`, so that the server runs it beside the count.
 */
import { LatestRequest } from './latest.mjs';

const FIRST_STRETCH = 500000; // lines of the first stretch back from the reader; each next one doubles

export class Nearby {
  /** @param search the Search: its fetch, baseUrl, viewer, window and `counted`; shown() when a hit is found */
  constructor(search, shown) {
    this.s = search;
    this.shown = shown;
    this.q = '';
    this.found = [];
    this.request = new LatestRequest(search.win, search.fetch);
  }

  /** A new query, looked for from line `at` (nothing is asked for one at line 1: the count starts there). */
  set(q, at) {
    this.stop();
    this.q = q;
    this.found = [];
    if (q && at > 1) {
      this.ask(q, at, Infinity, { at: at, size: FIRST_STRETCH });
    }
  }

  stop() {
    this.request.stop();
  }

  /** The hits found at or after `line` (where the count has not been yet), in line order. */
  beyond(line) {
    return this.found.filter((l) => l >= line);
  }

  /** Searches lines from..to (to Infinity: the end), following `continue`; then the next stretch back. */
  ask(q, from, to, back) {
    if (to < this.s.counted) {
      return; // the count has been there
    }
    const url = this.s.baseUrl + 'search?q=' + encodeURIComponent(q) + '&from=' + from +
      (to === Infinity ? '' : '&to=' + to) + '&limit=1&first=1&viewer=' + this.s.viewer + '-near';
    this.request.get(url, (a) => {
      if (!a || a.superseded) {
        return; // the count goes on without it
      }
      if (a.hits && a.hits.length) {
        this.found = [a.hits[0].line];
        this.shown();
      } else if (typeof a.continue === 'number' && a.continue <= to) {
        this.ask(q, a.continue, to, back);
      } else if (back.at > 1) {
        const end = back.at - 1;
        back.at = Math.max(1, back.at - back.size);
        back.size *= 2;
        this.ask(q, back.at, end, back);
      }
    });
  }
}
