// The live feed's connection, shared by the task list and the task page: STOMP over a plain
// WebSocket back to the page's own host (wss: under https), the page's CSRF token on CONNECT,
// heart-beats every 10 s (Heroku drops idle connections), a new attempt every 2 s while the
// server is away, and none once the browser is signed out. The page's #live line says which.
(() => {
  'use strict';

  function meta(name) {
    const el = document.querySelector(`meta[name="${name}"]`);
    return el ? el.content : null;
  }

  /**
   * Opens the feed at path (the page's data-ws). live is the status line, with its texts in
   * data-connecting, data-offline and data-signed-out, and a #live-text span inside.
   * onConnect(client, reconnected) subscribes to what the page needs, at every (re)connection:
   * a page should take again from the REST API what it may have missed while reconnected is true.
   * Returns { client, show(state, text) }.
   */
  function connect({ path, live, onConnect }) {
    const liveText = live ? live.querySelector('#live-text') : null;

    function show(state, text) {
      if (!live) return;
      live.hidden = false;
      live.classList.toggle('connected', state === 'connected');
      live.dataset.state = state;
      if (liveText) liveText.textContent = text;
    }

    const url = new URL(path, window.location.href);
    url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const connectHeaders = {};
    const csrfHeader = meta('csrf-header');
    if (csrfHeader) connectHeaders[csrfHeader] = meta('csrf-token');

    const client = new window.StompJs.Client({
      brokerURL: url.href,
      connectHeaders,
      reconnectDelay: 2000,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
    });
    let connectedBefore = false;
    client.onConnect = () => {
      onConnect(client, connectedBefore);
      connectedBefore = true;
    };
    client.onWebSocketClose = (event) => {
      if (event && event.code === 1008) {
        // signed out (in another tab, or on another device's instance): reconnecting cannot work
        client.deactivate();
        show('signed-out', live && live.dataset.signedOut);
        return;
      }
      show('offline', live && live.dataset.offline);
    };
    client.onStompError = () => show('offline', live && live.dataset.offline);

    show('connecting', live && live.dataset.connecting);
    client.activate();
    window.addEventListener('pagehide', () => client.deactivate());
    return { client, show };
  }

  /**
   * A refresh that never runs twice at once: asked again while it runs (or told of a change
   * with changed()), it runs once more afterwards, since what changed meanwhile may be older
   * or newer than that answer.
   */
  function coalesced(fetch) {
    let running = null;
    let again = false;
    function refresh() {
      if (running) {
        again = true;
        return;
      }
      again = false;
      running = fetch().catch(() => {}).finally(() => {
        running = null;
        if (again) refresh();
      });
    }
    /** Something changed: a refresh running now may not have seen it, so it runs once more. */
    refresh.changed = () => {
      if (running) again = true;
    };
    return refresh;
  }

  window.TaskFeedLive = { connect, meta, coalesced };
})();
