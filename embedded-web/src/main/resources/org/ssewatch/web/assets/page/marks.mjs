/*
 * What the run said before the page's window, when it opens tail first (window.mjs): the stream
 * resumes after the window, so the events that are not lines up to there (groups, annotations,
 * progress, status, custom types) come from the server's `marks` endpoint (docs/PROTOCOL.md),
 * every page of them, in id order, and go to the handlers the stream's events go to. The page
 * holds the live events until they are in, so that everything is applied in id order. While they
 * load, and if they cannot be, the page says so: the counts would otherwise be silently short.
 */
function plural(n, word) {
  return n.toLocaleString('en') + ' ' + word + (n === 1 ? '' : 's');
}

export class EarlierMarks {
  /**
   * @param {Object} opts {fetch, baseUrl, notice(kind, text, ms), annotations, groups, header,
   *   progress, events: the handlers of the page}
   */
  constructor(opts) {
    this.fetch = opts.fetch;
    this.baseUrl = opts.baseUrl || '';
    this.notice = opts.notice;
    this.to = opts;
    this.state = null;       // 'loading', 'loaded', 'failed'
  }

  /** Loads and applies the marks with ids below `before`; resolves once they are in or have failed. */
  load(before) {
    this.state = 'loading';
    this.to.annotations.setEarlier('loading', 'Loading annotations, groups and events from earlier in the run\u2026');
    return this.pages(before, 0, []).then((events) => {
      this.state = 'loaded';
      const c = { annotation: 0, group: 0 };
      events.forEach((e) => {
        if (e.type === 'annotation' || (e.type === 'group' && e.data && e.data.action === 'start')) {
          c[e.type] += 1;
        }
        this.apply(e);
      });
      this.done(c, events.filter((e) => e.type === 'gap'));
    }, (why) => {
      this.state = 'failed';
      const text = 'Annotations, groups, progress and events from earlier in the run could not be loaded (' + why
        + '): the counts and lists cover only what came after the lines shown first.';
      this.to.annotations.setEarlier('failed', text);
      this.notice('error', text);
    });
  }

  /** Every page of `marks` below `before` after `after`, added to `out`; rejects with a reason. */
  pages(before, after, out) {
    let asked;
    try {
      asked = Promise.resolve(this.fetch(this.baseUrl + 'marks?before=' + before + (after ? '&after=' + after : ''),
        { cache: 'no-store' }));
    } catch (e) {
      asked = Promise.reject(e);
    }
    return asked
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))), (e) => Promise.reject(new Error('no answer')))
      .then((a) => {
        if (!a || !Array.isArray(a.events)) {
          return Promise.reject(new Error('not an answer the page understands'));
        }
        a.events.forEach((e) => out.push(e));
        const next = Number(a.next);
        return next > after ? this.pages(before, next, out) : out;
      })
      .catch((e) => Promise.reject((e && e.message) || 'failed'));
  }

  /** One earlier event, to what its type means on the page; its lines are elsewhere (ranges). */
  apply(e) {
    const d = e.data || {};
    const to = this.to;
    if (e.type === 'group') {
      to.groups.apply(d); // the model only: which groups are open when the live stream goes on
    } else if (e.type === 'annotation') {
      to.annotations.apply(d);
    } else if (e.type === 'start') {
      to.header.setStart(d);
    } else if (e.type === 'progress' || e.type === 'status') {
      to.progress.apply(e.type, d);
    } else if (e.type !== 'gap' && e.type !== 'exit') {
      to.events.add({ type: e.type, data: d, id: e.id });
    }
  }

  /** Says what came, and what did not (a gap: marks no longer kept, so not listed). */
  done(c, gaps) {
    const parts = [];
    if (c.annotation) {
      parts.push(plural(c.annotation, 'annotation'));
    }
    if (c.group) {
      parts.push(plural(c.group, 'group'));
    }
    let text = parts.length ? 'Loaded ' + parts.join(' and ') + ' from earlier in the run.' : '';
    if (gaps.length) {
      const g = gaps[0].data || {};
      const lost = 'Events ' + g.from + '\u2013' + gaps[gaps.length - 1].id + ' were not kept: annotations and groups there are not listed.';
      this.to.annotations.setEarlier('gap', lost);
      this.notice('error', (text ? text + ' ' : '') + lost);
      return;
    }
    this.to.annotations.setEarlier(null, '');
    if (c.group) {
      this.notice('info', text, 8000);
    }
  }
}
