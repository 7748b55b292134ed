/*
 * The page's keys outside text fields: / filters, Home and End go to the first line and follow
 * the tail, t and w toggle times and wrapping, T switches times between the clock and since the
 * start, e and E (shift) go to the next and the previous error, s and S to the next and the first
 * stderr line, c copies the permalinked lines, m shows only the matching lines of the whole run.
 */

/** A keydown on the document, for the page (page.mjs) and what it holds. */
export function onKey(page, e) {
  if (e.ctrlKey || e.metaKey || e.altKey) {
    return;
  }
  const tag = e.target && e.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (e.target && e.target.isContentEditable)) {
    return;
  }
  const n = page.n;
  if (e.key === '/') {
    e.preventDefault();
    n.filter.focus();
    n.filter.select();
  } else if (e.key === 'End') {
    e.preventDefault();
    page.leaveMatching();
    page.toTail();
  } else if (e.key === 'Home' && page.window.enabled) {
    e.preventDefault();
    page.goTo(1);
  } else if (e.key === 'm' && n.matching && page.search.enabled) {
    n.matching.click();
  } else if (e.key === 't') {
    n.timestamps.click();
  } else if (e.key === 'T' && n.sinceStart) {
    n.sinceStart.click();
  } else if (e.key === 'w') {
    n.wrap.click();
  } else if (e.key === 'c') {
    page.ranges.copy();
  } else if (e.key === 's' || e.key === 'S') {
    page.stderr.go(e.key === 'S');
  } else if (e.key === 'e' || e.key === 'E') {
    page.annotations.step(e.key === 'e' ? 1 : -1);
  }
}
