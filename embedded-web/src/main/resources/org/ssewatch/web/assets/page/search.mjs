/*
 * Search across the whole run with the server's `search` endpoint (docs/PROTOCOL.md): the filter
 * box asks it as the reader types, pages through the run (following `more` for hits and
 * `continue` for the count), says how many lines match, and Enter and Shift+Enter go to the next
 * and the previous hit, loading its lines. Typing on aborts the request under way, and the
 * `viewer` parameter makes the server stop the search it was still running for this tab.
 * Highlighting, and hiding the lines that do not match, stay the log's (log.mjs), on what is loaded.
 * The count goes from line 1 on, which on 10M lines takes more than a second to reach a hit near
 * the end; so a second search (nearby.mjs) looks outward from where the reader is meanwhile, and
 * what it finds beyond the count's progress is shown and stepped through at once.
 */
import { plural } from './words.mjs';
import { Nearby } from './nearby.mjs';
import { LatestRequest } from './latest.mjs';

const PAGE = 1000;          // hits listed per request
const MAX_HITS = 20000;     // hits kept for next and previous; the rest are only counted

export class Search {
  /**
   * @param {Object} opts {nodes: {matchCount}, window, fetch, baseUrl, goTo(line): shows a line,
   *   loading it first}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.win = opts.window;
    this.fetch = opts.fetch;
    this.baseUrl = opts.baseUrl || '';
    this.goTo = opts.goTo;
    this.reading = opts.near || (() => 0);
    this.enabled = typeof this.fetch === 'function';
    this.viewer = 'p' + Math.floor(this.win.Math.random() * 1e12).toString(36);
    this.q = '';
    this.hits = [];
    this.count = 0;
    this.counting = false;
    this.cursor = -1;
    this.request = new LatestRequest(this.win, this.fetch);
    this.failed = false;
    /** The first line the count has not reached: what is before it is in `count` and `hits`. */
    this.counted = 1;
    this.nearby = new Nearby(this, () => this.show());
  }

  /** A new query: what the previous one still asked is dropped. */
  set(q) {
    this.request.stop();
    this.q = q;
    this.hits = [];
    this.count = 0;
    this.cursor = -1;
    this.failed = false;
    this.counting = !!q;
    this.counted = 1;
    this.nearby.set(q, q ? this.reading() : 0);
    this.show();
    if (q) {
      this.page(q, 1, PAGE);
    }
  }

  /** The hits in line order: the count's, then those found nearby beyond where it has reached. */
  lines() {
    const beyond = this.nearby.beyond(this.counted);
    return beyond.length ? this.hits.concat(beyond) : this.hits;
  }

  page(q, from, limit) {
    const url = this.baseUrl + 'search?q=' + encodeURIComponent(q) + '&from=' + from + '&limit=' + limit +
      '&viewer=' + this.viewer;
    this.request.get(url, (a) => {
      if (this.q !== q) {
        return; // superseded
      }
      if (!a || a.superseded) {
        this.counting = false;
        this.failed = !a;
        this.show();
        return;
      }
      (a.hits || []).forEach((h) => {
        if (this.hits.length < MAX_HITS) {
          this.hits.push(h.line);
        }
      });
      // With `more`, the lines from it on are counted again by the next page.
      this.count += typeof a.more === 'number' && limit > 0 ? (a.hits || []).length : (a.count || 0);
      const next = limit > 0 && typeof a.more === 'number' ? a.more : a.continue;
      this.counting = typeof next === 'number';
      this.counted = this.counting ? next : Infinity;
      if (!this.counting) {
        this.nearby.stop(); // all counted: what it would still find is in `hits`
      }
      this.show();
      if (this.counting) {
        this.page(q, next, this.hits.length < MAX_HITS ? PAGE : 0);
      }
    });
  }

  /** The next (1) or previous (-1) hit, round the ends; returns whether there was one. */
  step(dir) {
    const hits = this.lines();
    const n = hits.length;
    if (!this.q || n === 0) {
      return false;
    }
    this.cursor = this.cursor < 0 ? (dir > 0 ? 0 : n - 1) : (this.cursor + dir + n) % n;
    this.goTo(hits[this.cursor]);
    this.show();
    return true;
  }

  show() {
    const el = this.n.matchCount;
    if (!this.q) {
      el.textContent = '';
      el.setAttribute('data-matches', '');
      return;
    }
    // Exact once counted; while counting, the lines counted so far and those found beyond them.
    const count = this.count + (this.counting ? this.nearby.beyond(this.counted).length : 0);
    let text = this.failed ? 'search failed' : plural(count, 'line') + (count === 1 ? ' matches' : ' match');
    if (this.counting) {
      text += ', counting\u2026';
    } else if (this.cursor >= 0) {
      text = (this.cursor + 1).toLocaleString('en') + ' of ' + text;
    }
    el.textContent = text;
    el.setAttribute('data-matches', this.counting ? '' : String(this.count));
  }
}
