/*
 * Pages restored from the back-forward cache have lost their connections, and a network coming
 * back is worth an immediate retry: the client's part in the page's life cycle.
 */

/** Binds `client` to `win`'s pagehide, pageshow and online; returns the unbinding. */
export function bindPageLifecycle(win, client) {
  if (typeof win.addEventListener !== 'function') {
    return function () {};
  }
  const onHide = (e) => {
    if (e.persisted && !client._over()) {
      client._teardown();
      client._state = 'suspended';
    }
  };
  const onShow = (e) => {
    if (e.persisted && client._state === 'suspended') {
      client._state = 'connecting';
      client._failures = 0;
      client._connect();
    }
  };
  const onOnline = () => {
    if (client._state === 'waiting') {
      client._failures = 0;
      client._connect();
    }
  };
  win.addEventListener('pagehide', onHide);
  win.addEventListener('pageshow', onShow);
  win.addEventListener('online', onOnline);
  return function () {
    win.removeEventListener('pagehide', onHide);
    win.removeEventListener('pageshow', onShow);
    win.removeEventListener('online', onOnline);
  };
}
