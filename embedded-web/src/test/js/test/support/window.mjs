/** A page on a run served by a fake fetch (support/fetch.mjs): for the tests of the window and of search. */
import { openPage } from './page.mjs';
import { FakeFetch, serve } from './fetch.mjs';

/** A page tail first on `run`, its first answers given; opts as openPage's (hash, maxLines...). */
export async function openOn(run, opts) {
  const fetch = new FakeFetch();
  const p = openPage(Object.assign({ fetch: fetch.fn }, opts));
  p.fetch = fetch;
  await serve(fetch, run);
  p.frame();
  await serve(fetch, run);
  p.frame();
  return p;
}

/** A frame, the answers to what it asked for, and the frame that shows them. */
export async function step(p, run) {
  p.frame();
  await serve(p.fetch, run);
  p.frame();
}

export function key(p, k, extra) {
  p.doc.dispatchEvent(new p.win.KeyboardEvent('keydown', Object.assign({ key: k, bubbles: true }, extra)));
}

/** Types q into the filter box, and lets the box's wait before it asks go by. */
export function type(p, q) {
  p.$('filter').value = q;
  p.$('filter').dispatchEvent(new p.win.Event('input'));
  p.clock.tick(150);
}

/** The `lines` requests `p` made, in order. */
export function linesAsked(p) {
  return p.fetch.requests.map((r) => r.url).filter((u) => u.startsWith('lines?'));
}
