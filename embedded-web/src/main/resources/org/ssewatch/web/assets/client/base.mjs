/*
 * What the client's parts share: clamping, parsing, named timers and one JSON GET. Every
 * function takes the window it runs in, so that tests give it a fake clock and fake requests.
 */

export function clamp(value, min, max) {
  value = Number(value);
  if (!isFinite(value)) {
    return min;
  }
  return Math.min(Math.max(value, min), max);
}

export function has(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return text;
  }
}

/** Named one-shot timers, calling back with `self` as this. */
export class Timers {
  constructor(win, self) {
    this.win = win;
    this.self = self;
    this.ids = {};
  }

  set(name, delay, fn) {
    this.clear(name);
    this.ids[name] = this.win.setTimeout(() => {
      delete this.ids[name];
      fn.call(this.self);
    }, delay);
  }

  clear(name) {
    if (this.ids[name] !== undefined) {
      this.win.clearTimeout(this.ids[name]);
      delete this.ids[name];
    }
  }

  clearAll() {
    Object.keys(this.ids).forEach((name) => this.clear(name));
  }
}

/**
 * GETs a JSON document with a timeout; onFail(reason, status) or onJson(body), once.
 * @return {{abort: function()}}
 */
export function request(win, url, timeout, onJson, onFail) {
  const xhr = new win.XMLHttpRequest();
  let finished = false;
  const finish = (fn, a, b) => {
    if (!finished) {
      finished = true;
      fn(a, b);
    }
  };
  xhr.open('GET', url, true);
  xhr.timeout = timeout;
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.onload = () => {
    if (xhr.status !== 200) {
      finish(onFail, 'poll answered HTTP ' + xhr.status, xhr.status);
      return;
    }
    let body;
    try {
      body = JSON.parse(xhr.responseText);
    } catch (e) {
      finish(onFail, 'poll answer is not JSON', xhr.status);
      return;
    }
    finish(onJson, body);
  };
  xhr.onerror = () => finish(onFail, 'network error', 0);
  xhr.ontimeout = () => finish(onFail, 'poll timed out', 0);
  xhr.send();
  return {
    abort() {
      finished = true;
      xhr.abort();
    }
  };
}

export function abort(req) {
  if (req) {
    req.abort();
  }
  return null;
}
