/*
 * The page's toggles (time, since start, wrap, follow): their state kept across visits, and
 * applied to the log. Times are the clock's by default; "since start" shows each line's time as
 * elapsed since the run started, for the lines loaded from `lines` as for those streamed.
 */

/** A preference kept across visits, or null; storage may be unavailable (private mode, sandbox). */
/** A preference kept across visits, or null; storage may be unavailable (private mode, sandbox). */
function store(win, key, value) {
  try {
    if (value === undefined) {
      return win.localStorage.getItem('ssewatch.' + key);
    }
    win.localStorage.setItem('ssewatch.' + key, value);
  } catch (e) {
    // preferences just don't persist
  }
  return null;
}

export function initToggles(n, win, log, scroll) {
  const checks = [['timestamps', n.timestamps], ['elapsed', n.sinceStart], ['wrap', n.wrap]].filter((c) => c[1]);
  checks.forEach(([key, box]) => {
    const kept = store(win, key);
    if (kept !== null) { box.checked = kept === '1'; }
  });
  const apply = () => {
    n.log.classList.toggle('show-ts', n.timestamps.checked);
    n.log.classList.toggle('wrap', n.wrap.checked);
    log.setSinceStart(!!(n.sinceStart && n.sinceStart.checked));
  };
  apply();
  checks.forEach(([key, box]) => box.addEventListener('change', () => {
    store(win, key, box.checked ? '1' : '0');
    if (key === 'elapsed' && box.checked && !n.timestamps.checked) {
      n.timestamps.checked = true; // asking for times since the start shows times
      store(win, 'timestamps', '1');
    }
    apply();
  }));
  n.follow.addEventListener('change', () => scroll.setFollow(n.follow.checked));
}
