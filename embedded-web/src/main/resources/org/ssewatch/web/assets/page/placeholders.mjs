/*
 * What the window (window.mjs) has not loaded, on screen: a placeholder above and below the log,
 * sized as the lines it stands for (within what a browser can lay out), so that the scroll bar
 * says where in the run the reader is, and worded to say which lines they are and how to get them.
 */
export const ROW_PX = 19.5;        // 13px/1.5 (style.css); a placeholder's height per line
const MAX_PLACEHOLDER_PX = 4e6;    // under every browser's limit for an element's height

function span(lo, hi) {
  return lo === hi ? 'line ' + lo.toLocaleString('en') : 'lines ' + lo.toLocaleString('en') + '\u2013' + hi.toLocaleString('en');
}

/** After a flush: the placeholders for the lines `w` has not loaded above and below. */
export function showPlaceholders(w) {
  if (!w.enabled) {
    return;
  }
  const before = w.log.maxDropped;
  placeholder(w, w.n.hiddenLines, before > 0 ? 1 : 0, before,
    ' not loaded \u2014 scroll up or press Home');
  const bottom = w.n.laterLines;
  if (bottom) {
    const lo = w.loadedTo + 1;
    placeholder(w, bottom, w.detached ? lo : 0, w.total,
      ' not loaded \u2014 scroll down or press End' + (w.held.length ? ' (' + w.held.length.toLocaleString('en') + ' new)' : ''));
  }
}

function placeholder(w, el, lo, hi, words) {
  if (!lo || hi < lo) {
    el.hidden = true;
    el.removeAttribute('data-from');
    return;
  }
  const text = span(lo, hi) + words;
  if (el.textContent !== text) {
    el.textContent = text;
  }
  el.setAttribute('data-from', String(lo));
  el.setAttribute('data-to', String(hi));
  // one row below while new lines are held (reading.mjs): it counts them, and is not scrolled into
  el.style.height = Math.min(el === w.n.laterLines && w.holding ? ROW_PX : MAX_PLACEHOLDER_PX, Math.max(1, hi - lo + 1) * ROW_PX) + 'px';
  el.hidden = false;
}
