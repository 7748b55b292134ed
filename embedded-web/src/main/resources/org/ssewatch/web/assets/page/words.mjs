/* How the page words numbers, times, durations and commands. Pure functions. */

export function pad(n, width) {
  let s = String(n);
  while (s.length < width) {
    s = '0' + s;
  }
  return s;
}

/** 14:03:07.042, in the viewer's time zone. */
export function clockTime(ms) {
  const d = new Date(ms);
  return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3);
}

/** A time since the start, +0:00:07.250 (before the start, as a line from a clock set back may be: -). */
export function elapsedTime(ms) {
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(Math.round(ms));
  const s = Math.floor(a / 1000);
  return sign + Math.floor(s / 3600) + ':' + pad(Math.floor(s / 60) % 60, 2) + ':' + pad(s % 60, 2) + '.' + pad(a % 1000, 3);
}

/** 7s, 2m 05s, 1h 02m 05s. */
export function duration(ms) {
  let s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  s %= 60;
  if (h > 0) {
    return h + 'h ' + pad(m, 2) + 'm ' + pad(s, 2) + 's';
  }
  return m > 0 ? m + 'm ' + pad(s, 2) + 's' : s + 's';
}

/** 1 line, 12,000 lines. */
export function plural(n, word) {
  return n.toLocaleString('en') + ' ' + word + (n === 1 ? '' : 's');
}

/** The command as a shell would need it typed. */
export function shellQuote(args) {
  return args.map((a) => {
    a = String(a);
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : "'" + a.replace(/'/g, "'\\''") + "'";
  }).join(' ');
}
