// The live task list: new, changed and deleted tasks arrive over STOMP (/user/queue/tasks) and
// change the list in place; presence shows who is connected. User text is only ever set with
// textContent, never parsed as HTML.
(() => {
  'use strict';
  const page = document.getElementById('tasks-page');
  const list = document.getElementById('task-list');
  if (!page || !list || !window.StompJs) {
    return;
  }
  const emptyNote = document.getElementById('task-list-empty');
  const count = document.getElementById('task-count');
  let total = Number(count.dataset.total);
  const live = document.getElementById('live');
  const liveText = document.getElementById('live-text');
  const rowTemplate = document.getElementById('task-row-template');
  const statusLabels = {};
  document.getElementById('status-labels').content.querySelectorAll('[data-status]')
    .forEach((el) => { statusLabels[el.dataset.status] = el.textContent; });

  const filter = {
    status: page.dataset.status || null,
    categoryId: page.dataset.categoryId ? Number(page.dataset.categoryId) : null,
    q: (page.dataset.q || '').trim(),
    page: Number(page.dataset.page || 0),
  };

  function meta(name) {
    const el = document.querySelector(`meta[name="${name}"]`);
    return el ? el.content : null;
  }

  /** Whether a task belongs on this page of the list, as the server would filter it. */
  function matches(task) {
    if (filter.status && task.status !== filter.status) return false;
    if (filter.categoryId && !task.categories.some((c) => c.id === filter.categoryId)) return false;
    if (filter.q) {
      const needle = filter.q.toLowerCase();
      const hay = `${task.title}\n${task.description || ''}`.toLowerCase();
      if (!hay.includes(needle)) return false;
    }
    return true;
  }

  function render(task) {
    const row = rowTemplate.content.firstElementChild.cloneNode(true);
    const status = task.status.toLowerCase();
    row.dataset.id = String(task.id);
    row.classList.add(`status-${status}`);
    const title = row.querySelector('.task-title');
    title.textContent = task.title;
    title.href = `${page.dataset.taskBase || '/tasks/'}${task.id}`;
    const badge = row.querySelector('.badge');
    badge.textContent = statusLabels[task.status] || task.status;
    badge.classList.add(`badge-${status}`);
    const due = row.querySelector('.due');
    if (task.dueDate) {
      const time = due.querySelector('time');
      time.dateTime = task.dueDate;
      time.textContent = window.TaskFeed ? window.TaskFeed.formatDate(task.dueDate) : task.dueDate;
    } else {
      due.remove();
    }
    const chips = row.querySelector('.chips');
    for (const category of task.categories) {
      const chip = document.createElement('span');
      chip.className = 'chip';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = category.color;
      const name = document.createElement('span');
      name.textContent = category.name;
      chip.append(swatch, name);
      chips.append(chip);
    }
    return row;
  }

  function rowOf(id) {
    return list.querySelector(`li[data-id="${Number(id)}"]`);
  }

  function updateEmpty() {
    if (emptyNote) emptyNote.hidden = list.children.length > 0;
  }

  /** The "N tasks" line: how many tasks match the filters, on every page. */
  function setTotal(value) {
    total = Math.max(0, value);
    const many = count.dataset.many.replace('2', String(total));
    count.textContent = total === 0 ? count.dataset.zero : total === 1 ? count.dataset.one : many;
  }

  function arrived(task) {
    if (!matches(task) || rowOf(task.id)) return;
    setTotal(total + 1);
    if (filter.page !== 0) return;
    const row = render(task);
    row.classList.add('arrived');
    list.prepend(row);
    updateEmpty();
  }

  function changed(task) {
    const row = rowOf(task.id);
    if (!row) {
      return;
    }
    if (matches(task)) {
      row.replaceWith(render(task));
    } else {
      row.remove();
      setTotal(total - 1);
    }
    updateEmpty();
  }

  function removed(task) {
    if (!matches(task)) return;
    setTotal(total - 1);
    const row = rowOf(task.id);
    if (row) {
      row.remove();
      updateEmpty();
    }
  }

  /** After a reconnect, anything may have happened meanwhile: take the list again from the API. */
  async function refetch() {
    const query = new URLSearchParams();
    if (filter.status) query.set('status', filter.status);
    if (filter.categoryId) query.set('categoryId', String(filter.categoryId));
    if (filter.q) query.set('q', filter.q);
    query.set('page', String(filter.page));
    query.set('size', '20');
    const response = await fetch(`${page.dataset.api}?${query}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    });
    if (!response.ok) return;
    const body = await response.json();
    list.replaceChildren(...body.content.map(render));
    setTotal(body.page.totalElements);
    updateEmpty();
  }

  function show(state, text) {
    live.hidden = false;
    live.classList.toggle('connected', state === 'connected');
    liveText.textContent = text;
  }

  const wsUrl = new URL(page.dataset.ws, window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const connectHeaders = {};
  const csrfHeader = meta('csrf-header');
  if (csrfHeader) connectHeaders[csrfHeader] = meta('csrf-token');

  const client = new window.StompJs.Client({
    brokerURL: wsUrl.href,
    connectHeaders,
    reconnectDelay: 2000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
  });
  let connectedBefore = false;

  function presence(message) {
    const counts = JSON.parse(message.body);
    show('connected', live.dataset.online.replace('{0}', String(counts.users)));
    live.title = `${counts.users} / ${counts.sessions}`;
    live.dataset.users = String(counts.users);
    live.dataset.sessions = String(counts.sessions);
  }

  client.onConnect = () => {
    client.subscribe('/user/queue/tasks', (message) => {
      const event = JSON.parse(message.body);
      switch (event.type) {
        case 'created':
        case 'restored':
          arrived(event.task);
          break;
        case 'updated':
          changed(event.task);
          break;
        case 'deleted':
          removed(event.task);
          break;
        default:
          break;
      }
    });
    client.subscribe('/topic/presence', presence);
    client.subscribe('/app/presence', presence);
    if (connectedBefore) {
      refetch().catch(() => {});
    }
    connectedBefore = true;
  };
  client.onWebSocketClose = (event) => {
    if (event && event.code === 1008) {
      // signed out (in another tab, or on another device's instance): reconnecting cannot work
      client.deactivate();
      show('signed-out', live.dataset.signedOut);
      return;
    }
    show('offline', live.dataset.offline);
  };
  client.onStompError = () => show('offline', live.dataset.offline);

  show('connecting', live.dataset.connecting);
  client.activate();
  window.addEventListener('pagehide', () => client.deactivate());
})();
