/*
 * A request that the next one supersedes: the search as the reader types on (search.mjs), the
 * search near the reader (nearby.mjs), s and S (stderr.mjs), the matching lines' pages
 * (matches.mjs). Asking again, or stop(), aborts the request under way, and its answer, if one
 * still comes, is dropped: only the newest request's answer is ever handed on.
 */
export class LatestRequest {
  /** @param win the window (its AbortController); fetch(url, options) as window.fetch */
  constructor(win, fetch) {
    this.win = win;
    this.fetch = fetch;
    this.controller = null;
  }

  /** Whether a request is under way. */
  busy() {
    return this.controller !== null;
  }

  stop() {
    if (this.controller) {
      this.controller.abort();
      this.controller = null;
    }
  }

  /** Asks `url` (JSON), superseding the request under way; then(answer, or null if it failed) unless superseded. */
  get(url, then) {
    this.stop();
    const controller = new this.win.AbortController();
    this.controller = controller;
    let asked;
    try {
      asked = Promise.resolve(this.fetch(url, { signal: controller.signal, cache: 'no-store' }));
    } catch (e) {
      asked = Promise.reject(e);
    }
    asked.then((r) => (r.ok ? r.json() : null)).catch(() => null).then((a) => {
      if (this.controller !== controller) {
        return; // superseded
      }
      this.controller = null;
      then(a);
    });
  }
}
