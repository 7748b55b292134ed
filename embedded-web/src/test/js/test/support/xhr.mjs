/**
 * A fake XMLHttpRequest: every request made is kept in `requests` until the test answers it
 * (respond, fail, timeOut); aborted ones are marked.
 */
export function fakeXhrClass() {
  const requests = [];
  class FakeXHR {
    constructor() {
      this.headers = {};
      this.aborted = false;
      this.sent = false;
      this.answered = false;
      this.status = 0;
      this.responseText = '';
      this.timeout = 0;
      this.onload = null;
      this.onerror = null;
      this.ontimeout = null;
    }

    open(method, url) {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name, value) {
      this.headers[name] = value;
    }

    send() {
      this.sent = true;
      requests.push(this);
    }

    abort() {
      this.aborted = true;
    }

    /** Answers with `status` and `body` (an object is sent as JSON). */
    respond(status, body) {
      this.answered = true;
      this.status = status;
      this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
      if (this.onload) {
        this.onload();
      }
    }

    fail() {
      this.answered = true;
      if (this.onerror) {
        this.onerror();
      }
    }

    timeOut() {
      this.answered = true;
      if (this.ontimeout) {
        this.ontimeout();
      }
    }
  }
  FakeXHR.requests = requests;
  /** The requests not yet answered or aborted whose URL contains `part`. */
  FakeXHR.pending = (part) => requests.filter((r) => !r.answered && !r.aborted && (!part || r.url.indexOf(part) !== -1));
  return FakeXHR;
}
