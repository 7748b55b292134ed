/*
 * Events of types the page gives no meaning of its own (an embedder's, or `ssewatch emit`'s):
 * a small panel of the newest, each with its time, type and JSON, as text. Bounded in rows and
 * in characters, since a command may send any number of any size.
 */
import { clockTime, plural } from './words.mjs';

export const MAX_EVENTS = 200;
export const MAX_JSON = 1000;

function cell(doc, cls, text) {
  const el = doc.createElement('span');
  el.className = cls;
  el.textContent = text;
  return el;
}

export class EventsPanel {
  /**
   * @param {Object} opts {nodes: {events, eventList, eventsToggle}, doc, now()}
   */
  constructor(opts) {
    this.n = opts.nodes;
    this.doc = opts.doc;
    this.now = opts.now;
    this.total = 0;
    this.n.eventsToggle.addEventListener('click', () => this.toggle());
  }

  add(e) {
    const doc = this.doc;
    const d = e.data;
    let json;
    try {
      json = JSON.stringify(d);
    } catch (err) {
      json = String(d);
    }
    json = json === undefined ? 'null' : json;
    if (json.length > MAX_JSON) {
      json = json.slice(0, MAX_JSON - 1) + '\u2026';
    }
    const time = d && typeof d.time === 'number' ? d.time : this.now();
    const li = doc.createElement('li');
    li.className = 'event';
    li.setAttribute('data-type', e.type);
    li.setAttribute('data-id', String(e.id));
    li.appendChild(cell(doc, 'event-time', clockTime(time)));
    li.appendChild(cell(doc, 'event-type', e.type));
    li.appendChild(cell(doc, 'event-json', json));
    const list = this.n.eventList;
    list.appendChild(li);
    while (list.childNodes.length > MAX_EVENTS) {
      list.removeChild(list.firstChild);
    }
    this.total += 1;
    this.n.eventsToggle.hidden = false;
    this.n.eventsToggle.textContent = plural(this.total, 'event');
    // the newest in view, within the list only: the window may be following the log's tail
    list.scrollTop = list.scrollHeight;
  }

  toggle() {
    const show = this.n.events.hidden;
    this.n.events.hidden = !show;
    this.n.eventsToggle.setAttribute('aria-expanded', String(show));
  }
}
