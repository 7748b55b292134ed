/*!
 * ssewatch.js: browser client for the ssewatch event journal, an ES module (its parts are in
 * client/, beside it).
 *
 * Reads the journal described in docs/PROTOCOL.md over Server-Sent Events
 * (GET events) and falls back to long-polling (GET poll) by itself. Both
 * transports deliver the same events: {type, id, lastEventId, data}.
 * No dependencies; usable on its own by any page:
 *
 *   <script type="module">
 *     import { SseWatch } from './ssewatch.js';   // also window.SseWatch once loaded
 *     const sw = new SseWatch('http://host:8080/TOKEN/', { transport: 'auto' });
 *     sw.addEventListener('stdout', (e) => console.log(e.id, e.data.text));
 *     sw.addEventListener('close', () => console.log('the run is over'));
 *   </script>
 *
 * Journal events are dispatched under their own type (start, stdout, stderr, stdin, exit, gap,
 * group, annotation, and any other that is listened for) and also under "message", on both
 * transports alike. EventSource drops the types nobody listens for: while a "message" listener
 * is there, the events of such types that the stream skipped are fetched from poll and
 * delivered in their place, before the events after them.
 * State events: "open" (a transport delivers), "close" (the run is over), "error" and
 * "transport" (the transport changed).
 */
import { defineSseWatch } from './client/client.mjs';

const win = typeof window !== 'undefined' ? window : undefined;

export const SseWatch = win ? defineSseWatch(win) : undefined;
export default SseWatch;

if (win) {
  win.SseWatch = SseWatch;
}
