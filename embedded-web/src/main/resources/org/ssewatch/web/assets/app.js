/*
 * Boots the status page (page/page.mjs) on the real page: an SseWatch (ssewatch.js) on the
 * page's own directory. `?transport=poll|sse` and `?maxLines=N` are for trying the fallback and
 * the cap.
 */
import { SseWatch } from './ssewatch.js';
import { init } from './page/page.mjs';
import { parseAnsi, stripAnsi } from './page/ansi.mjs';
import { describeExit } from './page/header.mjs';

function boot() {
  const params = new URLSearchParams(window.location.search);
  const transport = params.get('transport');
  const maxLines = parseInt(params.get('maxLines'), 10);
  // Tail first (page/window.mjs): the stream is made once the page knows which event to resume after.
  window.ssewatchPage = init({
    connect: (after) => {
      window.ssewatchSource = new SseWatch('', { transport: transport || 'auto', lastEventId: after });
      return window.ssewatchSource;
    },
    fetch: (url, o) => window.fetch(url, o),
    maxLines: maxLines > 0 ? maxLines : undefined
  });
}

// The page's pieces for a console or an embedder, as app.js has always offered them.
window.SseWatchApp = { init: init, parseAnsi: parseAnsi, stripAnsi: stripAnsi, describeExit: describeExit };

if (document.documentElement.hasAttribute('data-ssewatch-page')) {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }
}
