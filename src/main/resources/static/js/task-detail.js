// The task page's conversation, live: comments the others add, edit and delete change the page
// in place (new ones join the newest page); typing in the comment box tells the other members,
// at most once a second, and their typing shows as "Bob is typing…" until 4 s pass without
// more; a comment is added, and its author edits or deletes it, through the REST API without
// leaving the page. Without this script each of these is a plain form. The connection is
// feed.js's. User text is only ever set with textContent, never parsed as HTML.
(() => {
  'use strict';
  const page = document.getElementById('task-page');
  const list = document.getElementById('comment-list');
  if (!page || !list || !window.StompJs || !window.TaskFeedLive) {
    return;
  }
  const MAX_LENGTH = 4000;
  const TYPING_SHOWN_MS = 4000;
  const TYPING_EVERY_MS = 1000;
  const lang = document.documentElement.lang || undefined;
  const dateTimeFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });

  const taskId = Number(page.dataset.taskId);
  const me = Number(page.dataset.me);
  const owner = page.dataset.owner === 'true';
  const newest = page.dataset.newest === 'true';
  const pageNumber = Number(page.dataset.page || 0);
  const pageSize = Number(page.dataset.size || 30);
  const commentsApi = page.dataset.commentsApi;
  const commentApi = page.dataset.commentApi;
  const live = document.getElementById('live');
  const count = document.getElementById('comment-count');
  const emptyNote = document.getElementById('comment-list-empty');
  const typing = document.getElementById('typing');
  const form = document.getElementById('comment-form');
  const box = form.querySelector('textarea');
  const messages = form.dataset;
  const template = document.getElementById('comment-template');
  const editorTemplate = document.getElementById('comment-editor-template');
  let total = Number(count.dataset.total);
  let client = null;

  // a comment is counted once, whether its own page or the feed told of it first
  const counted = new Set([...list.querySelectorAll('li.comment')].map((item) => Number(item.dataset.id)));
  const gone = new Set();

  function itemOf(id) {
    return document.getElementById(`comment-${Number(id)}`);
  }

  function showTotal() {
    total = Math.max(0, total);
    const many = count.dataset.many.replace('2', String(total));
    count.textContent = total === 0 ? count.dataset.zero : total === 1 ? count.dataset.one : many;
  }

  function updateEmpty() {
    emptyNote.hidden = list.querySelector('li.comment') !== null;
  }

  /** The parts of a comment that change: its text, the edited marker, its version. */
  function fill(item, comment) {
    item.dataset.version = String(comment.version);
    item.querySelector('.comment-body').textContent = comment.body;
    let marker = item.querySelector('.comment-edited');
    if (comment.editedAt) {
      if (!marker) {
        marker = template.content.querySelector('.comment-edited').cloneNode(true);
        item.querySelector('.comment-head').append(marker);
      }
      marker.hidden = false;
      marker.dataset.editedAt = comment.editedAt;
      marker.title = dateTimeFormat.format(new Date(comment.editedAt));
    } else if (marker) {
      marker.hidden = true;
    }
  }

  function render(comment) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.id = `comment-${comment.id}`;
    item.dataset.id = String(comment.id);
    item.dataset.authorId = String(comment.author.id);
    item.querySelector('.comment-author').textContent = comment.author.displayName;
    const time = item.querySelector('.comment-time');
    time.setAttribute('datetime', comment.createdAt);
    time.textContent = dateTimeFormat.format(new Date(comment.createdAt));
    fill(item, comment);
    const mine = comment.author.id === me;
    const edit = item.querySelector('.comment-edit');
    const remove = item.querySelector('.comment-delete');
    if (mine) {
      // without this script's editor (it failed to open), the page's own edit form
      edit.href = `${page.dataset.taskLink}?edit=${comment.id}#comment-${comment.id}`;
    } else {
      edit.remove();
    }
    if (mine || owner) {
      remove.action = `${page.dataset.commentBase}${comment.id}/delete`;
      remove.addEventListener('submit', (event) => {
        if (!window.confirm(remove.dataset.confirm)) event.preventDefault();
      });
    } else {
      item.querySelector('.comment-actions').remove();
    }
    return item;
  }

  function added(comment) {
    if (counted.has(comment.id) || gone.has(comment.id)) return;
    counted.add(comment.id);
    total += 1;
    showTotal();
    // older pages stay as they are: new comments are on the newest
    if (!newest || itemOf(comment.id)) return;
    const item = render(comment);
    item.classList.add('arrived');
    list.append(item);
    updateEmpty();
  }

  function edited(comment) {
    const item = itemOf(comment.id);
    if (!item || Number(item.dataset.version) >= comment.version) return;
    fill(item, comment);
  }

  function deleted(id) {
    if (gone.has(id)) return;
    gone.add(id);
    total -= 1;
    showTotal();
    const item = itemOf(id);
    if (item) item.remove();
    updateEmpty();
  }

  // "Bob is typing…": one line per person, gone 4 s after their last keystroke or once they comment
  const typists = new Map();

  function someoneTyping(user) {
    if (user.id === me) return;
    let entry = typists.get(user.id);
    if (!entry) {
      const line = document.createElement('p');
      line.className = 'typing-line';
      line.dataset.userId = String(user.id);
      line.textContent = typing.dataset.text.replace('{0}', () => user.displayName);
      typing.append(line);
      entry = { line, timer: 0 };
      typists.set(user.id, entry);
    }
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => stoppedTyping(user.id), TYPING_SHOWN_MS);
  }

  function stoppedTyping(userId) {
    const entry = typists.get(userId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.line.remove();
    typists.delete(userId);
  }

  let lastTyping = 0;

  function typed() {
    const now = Date.now();
    if (!client || !client.connected || now - lastTyping < TYPING_EVERY_MS) return;
    lastTyping = now;
    client.publish({ destination: `/app/tasks/${taskId}/typing`, body: '' });
  }

  async function send(method, url, body, version) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    const csrfHeader = window.TaskFeedLive.meta('csrf-header');
    if (csrfHeader) headers[csrfHeader] = window.TaskFeedLive.meta('csrf-token');
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (version) headers['If-Match'] = `"${version}"`;
    return fetch(url, {
      method,
      credentials: 'same-origin',
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }

  /** What is wrong with a comment's text, in the reader's language, or null. */
  function problemWith(text) {
    if (text.trim() === '') return messages.blank;
    // characters as the server counts them (an emoji is one, not two UTF-16 units)
    if ([...text].length > MAX_LENGTH) return messages.tooLong;
    return null;
  }

  /** Shows (or, with null, clears) the message beside a field. */
  function say(field, error, text) {
    const wrapper = field.closest('.field');
    if (wrapper) wrapper.classList.toggle('invalid', Boolean(text));
    error.hidden = !text;
    error.textContent = text || '';
    if (text) {
      field.setAttribute('aria-invalid', 'true');
    } else {
      field.removeAttribute('aria-invalid');
    }
  }

  function addFormError() {
    let error = document.getElementById('body-error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'field-error';
      error.id = 'body-error';
      document.getElementById('body-hint').after(error);
      box.setAttribute('aria-describedby', 'body-hint body-error');
    }
    return error;
  }

  /** Lets the server answer a form this script could not send: it shows what went wrong. */
  function submitPlainly(target) {
    HTMLFormElement.prototype.submit.call(target);
  }

  form.addEventListener('submit', async (event) => {
    // from an older page the server's answer (the newest page) is where the comment shows
    if (!newest) return;
    event.preventDefault();
    const problem = problemWith(box.value);
    say(box, addFormError(), problem);
    if (problem) {
      box.focus();
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const response = await send('POST', commentsApi, { body: box.value });
      if (response.status !== 201) {
        submitPlainly(form);
        return;
      }
      added(await response.json());
      box.value = '';
      lastTyping = 0;
    } catch (ex) {
      submitPlainly(form);
    } finally {
      button.disabled = false;
    }
  });
  box.addEventListener('input', typed);

  function openEditor(item) {
    if (item.querySelector('.comment-editor')) return;
    const editor = editorTemplate.content.firstElementChild.cloneNode(true);
    const area = editor.querySelector('textarea');
    const error = editor.querySelector('.field-error');
    const body = item.querySelector('.comment-body');
    const actions = item.querySelector('.comment-actions');
    area.id = `comment-editor-${item.dataset.id}`;
    error.id = `${area.id}-error`;
    area.setAttribute('aria-describedby', error.id);
    editor.querySelector('label').htmlFor = area.id;
    area.value = body.textContent;
    // saving over a version newer than the one edited is refused, once (as the page's form does)
    editor.dataset.version = item.dataset.version;
    item.classList.add('editing');
    body.hidden = true;
    actions.hidden = true;
    body.after(editor);
    area.focus();

    editor.querySelector('.comment-cancel').addEventListener('click', () => closeEditor(item));
    editor.addEventListener('submit', async (event) => {
      event.preventDefault();
      const problem = problemWith(area.value);
      say(area, error, problem);
      if (problem) return;
      try {
        const response = await send('PATCH', `${commentApi}${item.dataset.id}`, { body: area.value },
          editor.dataset.version);
        if (response.ok) {
          edited(await response.json());
          closeEditor(item);
        } else if (response.status === 412) {
          say(area, error, messages.stale);
          editor.dataset.version = '';
        } else {
          say(area, error, messages.failed);
        }
      } catch (ex) {
        say(area, error, messages.failed);
      }
    });
  }

  function closeEditor(item) {
    const editor = item.querySelector('.comment-editor');
    if (editor) editor.remove();
    item.classList.remove('editing');
    item.querySelector('.comment-body').hidden = false;
    item.querySelector('.comment-actions').hidden = false;
  }

  list.addEventListener('click', (event) => {
    const link = event.target.closest('a.comment-edit');
    if (!link) return;
    event.preventDefault();
    openEditor(link.closest('li.comment'));
  });

  list.addEventListener('submit', async (event) => {
    const remove = event.target.closest('form.comment-delete');
    // a cancelled confirmation (app.js, or render's own) has prevented it already
    if (!remove || event.defaultPrevented) return;
    event.preventDefault();
    const id = Number(remove.closest('li.comment').dataset.id);
    try {
      const response = await send('DELETE', `${commentApi}${id}`);
      if (response.status === 204) {
        deleted(id);
      } else {
        submitPlainly(remove);
      }
    } catch (ex) {
      submitPlainly(remove);
    }
  });

  /** After a reconnect, anything may have happened meanwhile: take the page shown again. */
  const refresh = window.TaskFeedLive.coalesced(refetch);

  async function refetch() {
    const fresh = [];
    let number = pageNumber;
    for (;;) {
      const response = await fetch(`${commentsApi}?page=${number}&size=${pageSize}`, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (!response.ok) return;
      const body = await response.json();
      fresh.push(...body.content);
      total = body.page.totalElements;
      // the newest page grows as comments arrive: take what followed it too
      if (!newest || number + 1 >= body.page.totalPages) break;
      number += 1;
    }
    list.replaceChildren(...fresh.map((comment) => {
      const item = itemOf(comment.id);
      counted.add(comment.id);
      if (item && item.classList.contains('editing')) {
        fill(item, comment);
        return item;
      }
      return render(comment);
    }));
    showTotal();
    updateEmpty();
  }

  function onConnect(connected, reconnected) {
    client = connected;
    feed.show('connected', live.dataset.connected);
    connected.subscribe('/user/queue/tasks', (message) => {
      const event = JSON.parse(message.body);
      if (event.taskId !== taskId) return;
      refresh.changed();
      switch (event.type) {
        case 'comment-added':
          stoppedTyping(event.comment.author.id);
          added(event.comment);
          break;
        case 'comment-edited':
          edited(event.comment);
          break;
        case 'comment-deleted':
          deleted(event.comment.id);
          break;
        case 'typing':
          someoneTyping(event.user);
          break;
        default:
          break;
      }
    });
    if (reconnected) refresh();
  }

  const feed = window.TaskFeedLive.connect({ path: page.dataset.ws, live, onConnect });
})();
