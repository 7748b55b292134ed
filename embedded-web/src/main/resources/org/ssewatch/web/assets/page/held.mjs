/*
 * The line events held while the window is away from the tail (reading.mjs), oldest first, at
 * most `max`: past it the oldest go, and the hold says it lost some. At 10,000 lines/s a hold
 * passes its bound within seconds and then drops one event per event, so dropping must not copy:
 * Array#shift on an array this long moves every element (tens of µs each, measured in node), so
 * the events kept start at an offset that is compacted away once it is as long as what is kept.
 */
export class HeldEvents {
  constructor(max) {
    this.max = max;
    this.events = [];
    this.from = 0;
    this.lost = false;
  }

  get length() {
    return this.events.length - this.from;
  }

  push(e) {
    this.events.push(e);
    if (this.length > this.max) {
      this.from += 1;
      this.lost = true;
      if (this.from >= this.max) {
        this.events = this.events.slice(this.from);
        this.from = 0;
      }
    }
  }

  /** The oldest event kept, or undefined. */
  first() {
    return this.events[this.from];
  }

  /** The events kept, oldest first; the hold is empty again and has lost nothing. */
  take() {
    const kept = this.from === 0 ? this.events : this.events.slice(this.from);
    this.events = [];
    this.from = 0;
    this.lost = false;
    return kept;
  }
}
