/**
 * A fake fetch for the window's `lines` requests, and a run that answers them as the server's
 * RangeEndpoint does (docs/PROTOCOL.md, "GET lines"): line N is "line N" on stdout.
 */
export class FakeFetch {
  constructor() {
    this.requests = [];
    this.fn = (url, o) => new Promise((resolve, reject) => {
      const q = new URL(url, 'http://127.0.0.1/').searchParams;
      const r = {
        url: url, query: q, settled: false, aborted: false,
        respond: (body, status) => {
          r.settled = true;
          resolve({ ok: (status || 200) === 200, status: status || 200, json: () => Promise.resolve(body) });
        },
        fail: () => {
          r.settled = true;
          reject(new TypeError('Failed to fetch'));
        }
      };
      if (o && o.signal) {
        o.signal.addEventListener('abort', () => {
          r.aborted = true;
          r.settled = true;
          reject(new Error('AbortError'));
        });
      }
      this.requests.push(r);
    });
  }

  /** The requests not yet answered. */
  pending() {
    return this.requests.filter((r) => !r.settled);
  }
}

/** A finished (or, with done false, running) run of `total` lines whose last event is `lastId`. */
export function fakeRun(total, opts) {
  opts = opts || {};
  const run = {
    total: total, lastId: opts.lastId || total + 2, done: opts.done !== false, gaps: opts.gaps || [],
    /** The events that are not lines ({id, type, data}, in id order), served by `marks` opts.marksPage at a time. */
    marks: opts.marks || [],
    answer(q) {
      let from;
      let to;
      if (q.has('tail')) {
        from = Math.max(1, run.total - Number(q.get('tail')) + 1);
        to = run.total;
      } else {
        from = Number(q.get('from') || 1);
        to = Math.min(Number(q.get('to') || from + 1999), from + 1999);
      }
      const last = Math.min(to, run.total);
      const lines = [];
      const gaps = [];
      for (let n = from; n <= last; n += 1) {
        const g = run.gaps.find((x) => n >= x.from && n <= x.to);
        if (g) {
          if (n === Math.max(from, g.from)) {
            gaps.push({ from: n, to: Math.min(g.to, last) });
          }
        } else {
          lines.push({ line: n, stream: run.stream(n), time: 1732380000000 + n, text: 'line ' + n });
        }
      }
      return { from: from, to: Math.max(from, last), total: run.total, lastId: run.lastId, done: run.done, lines: lines, gaps: gaps };
    },
    /** `marks`, as the server's MarksEndpoint answers it. */
    answerMarks(q) {
      const before = Number(q.get('before') || Number.MAX_SAFE_INTEGER);
      const after = Number(q.get('after') || 0);
      const all = run.marks.filter((e) => e.id > after && e.id < before);
      const events = all.slice(0, opts.marksPage || 1000);
      const a = { lastId: run.lastId, events: events };
      if (events.length < all.length) {
        a.next = events[events.length - 1].id;
      }
      return a;
    },
    /** The stream of line n: stderr for those in opts.stderr. */
    stream(n) {
      return (opts.stderr || []).includes(n) ? 'stderr' : 'stdout';
    },
    /** `search`, as the server answers it, searching opts.budget lines (default 40,000) per request. */
    search(q) {
      const needle = (q.get('q') || '').toLowerCase(); // with stream and no q, every line of the stream
      const stream = q.get('stream');
      const from = Number(q.get('from') || 1);
      const limit = Number(q.get('limit') || 100);
      const to = q.has('to') ? Number(q.get('to')) : Infinity;
      let end = Math.min(run.total, to, from + (opts.budget || 40000) - 1);
      const first = q.get('first') === '1'; // stop once `limit` lines are listed
      const hits = [];
      let count = 0;
      let more;
      for (let n = from; n <= end; n += 1) {
        const text = 'line ' + n;
        const at = text.toLowerCase().indexOf(needle);
        if (at >= 0 && (!stream || run.stream(n) === stream)) {
          count += 1;
          if (hits.length < limit) {
            hits.push({ line: n, stream: run.stream(n), time: 1732380000000 + n, text: text, at: needle ? [at, at + needle.length] : [] });
            if (first && hits.length >= limit) {
              end = n;
              break;
            }
          } else if (more === undefined) {
            more = n;
          }
        }
      }
      const a = { total: run.total, lastId: run.lastId, searchedTo: end, count: count, matches: count, hits: hits, gaps: [] };
      if (more !== undefined) {
        a.more = more;
      }
      if (end < run.total) { // as the server: also when `to` was reached before the end
        a.continue = end + 1;
      }
      return a;
    }
  };
  return run;
}

/** Lets the page's promise chains run (fetch, json, then). */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Answers every pending request from `run`, and lets the page take the answers in. */
export async function serve(fetch, run) {
  for (let i = 0; i < 100 && fetch.pending().length > 0; i += 1) {
    fetch.pending().forEach((r) => r.respond(r.url.startsWith('search?') ? run.search(r.query)
      : r.url.startsWith('marks?') ? run.answerMarks(r.query) : run.answer(r.query)));
    await settle();
    await settle();
  }
}
