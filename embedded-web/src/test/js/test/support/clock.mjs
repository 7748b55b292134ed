/**
 * A fake clock: setTimeout, setInterval and requestAnimationFrame that run only when a test moves
 * time on, in order of when they are due (frames every 16 ms). So no test waits for real time,
 * and none depends on how fast the machine is.
 */
export class FakeClock {
  constructor() {
    this.now = 0;
    this.nextId = 1;
    this.timers = new Map();
  }

  add(fn, delay, every) {
    const id = this.nextId;
    this.nextId += 1;
    this.timers.set(id, { at: this.now + Math.max(0, Number(delay) || 0), fn: fn, every: every, seq: id });
    return id;
  }

  /** The window functions, to put on a window (jsdom's or a plain object). */
  install(win) {
    win.setTimeout = (fn, delay) => this.add(fn, delay, 0);
    win.clearTimeout = (id) => { this.timers.delete(id); };
    win.setInterval = (fn, delay) => this.add(fn, delay, Math.max(1, Number(delay) || 0));
    win.clearInterval = (id) => { this.timers.delete(id); };
    win.requestAnimationFrame = (fn) => this.add(() => fn(this.now), 16 - (this.now % 16), 0);
    win.cancelAnimationFrame = (id) => { this.timers.delete(id); };
    return win;
  }

  /** How many timers are waiting (intervals included). */
  get pending() {
    return this.timers.size;
  }

  /** The delay of the earliest timer, or null. */
  nextDelay() {
    let first = null;
    this.timers.forEach((t) => {
      if (first === null || t.at < first) {
        first = t.at;
      }
    });
    return first === null ? null : first - this.now;
  }

  /** Moves time on by `ms`, running every timer that falls due on the way. */
  tick(ms) {
    const end = this.now + ms;
    for (;;) {
      let due = null;
      this.timers.forEach((t, id) => {
        if (t.at <= end && (due === null || t.at < due.t.at || (t.at === due.t.at && t.seq < due.t.seq))) {
          due = { id: id, t: t };
        }
      });
      if (due === null) {
        break;
      }
      this.now = due.t.at;
      if (due.t.every) {
        due.t.at += due.t.every;
        due.t.seq = this.nextId++;
      } else {
        this.timers.delete(due.id);
      }
      due.t.fn();
    }
    this.now = end;
  }
}
