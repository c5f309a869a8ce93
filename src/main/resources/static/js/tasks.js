// The live task list: new, changed and deleted tasks arrive over STOMP (/user/queue/tasks) and
// change the list in place; a change someone else made says who made it, in a line that fades;
// joining or leaving a project changes the project switcher and drops that project's tasks at
// once. Each row's comment count follows the comments added and deleted. Presence shows who is
// connected, and on a shared project which of its members. The connection itself is feed.js's.
// User text is only ever set with textContent, never parsed as HTML.
(() => {
  'use strict';
  const page = document.getElementById('tasks-page');
  const list = document.getElementById('task-list');
  if (!page || !list || !window.StompJs || !window.TaskFeedLive) {
    return;
  }
  const emptyNote = document.getElementById('task-list-empty');
  const count = document.getElementById('task-count');
  let total = Number(count.dataset.total);
  const live = document.getElementById('live');
  const onlinePeople = document.getElementById('project-online');
  const rowTemplate = document.getElementById('task-row-template');
  const statusLabels = {};
  document.getElementById('status-labels').content.querySelectorAll('[data-status]')
    .forEach((el) => { statusLabels[el.dataset.status] = el.textContent; });
  const projectLabels = document.getElementById('project-labels').content;
  const personalLabel = projectLabels.querySelector('[data-personal]').textContent;
  const roleLabels = {};
  projectLabels.querySelectorAll('[data-role]').forEach((el) => { roleLabels[el.dataset.role] = el.textContent; });
  const switcher = document.getElementById('project-switcher');
  const heading = document.querySelector('#tasks-page .page-head h1');
  const activity = document.getElementById('activity');
  const newTaskProject = document.querySelector('#new-task-form select[name="projectId"]');
  const me = Number(page.dataset.me);
  const ROLES = ['VIEWER', 'EDITOR', 'OWNER'];

  const filter = {
    project: page.dataset.project ? Number(page.dataset.project) : null,
    status: page.dataset.status || null,
    categoryId: page.dataset.categoryId ? Number(page.dataset.categoryId) : null,
    q: (page.dataset.q || '').trim(),
    page: Number(page.dataset.page || 0),
  };

  /** The reader's projects, as the switcher lists them: name and role by id. */
  function projectLink(id) {
    return switcher ? switcher.querySelector(`a[data-project-id="${Number(id)}"]`) : null;
  }

  function projectName(project) {
    const link = projectLink(project.id);
    if (link) return link.querySelector('.project-name').textContent;
    return project.personal ? personalLabel : project.name;
  }

  function canEdit(projectId) {
    const link = projectLink(projectId);
    return Boolean(link) && ROLES.indexOf(link.dataset.role) >= ROLES.indexOf('EDITOR');
  }

  /** Whether a task belongs on this page of the list, as the server would filter it. */
  function matches(task) {
    if (filter.project && task.project.id !== filter.project) return false;
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
    row.dataset.projectId = String(task.project.id);
    row.dataset.status = task.status;
    row.classList.add(`status-${status}`);
    const title = row.querySelector('.task-title');
    title.textContent = task.title;
    title.href = `${page.dataset.taskBase || '/tasks/'}${task.id}`;
    const badge = row.querySelector('.badge');
    badge.textContent = statusLabels[task.status] || task.status;
    badge.classList.add(`badge-${status}`);
    row.querySelector('.task-project').textContent = projectName(task.project);
    const assignee = row.querySelector('.task-assignee');
    if (task.assignee) {
      assignee.textContent = assignee.dataset.text.replace('{0}', () => task.assignee.displayName);
    } else {
      assignee.remove();
    }
    assignee.removeAttribute('data-text');
    const edit = row.querySelector('.row-edit');
    if (canEdit(task.project.id)) {
      edit.href = `${page.dataset.taskBase || '/tasks/'}${task.id}/edit`;
      edit.setAttribute('aria-label', edit.dataset.label.replace('{0}', () => task.title));
    } else {
      edit.remove();
    }
    edit.removeAttribute('data-label');
    const due = row.querySelector('.due');
    if (task.dueDate) {
      const time = due.querySelector('time');
      time.dateTime = task.dueDate;
      time.textContent = window.TaskFeed ? window.TaskFeed.formatDate(task.dueDate) : task.dueDate;
    } else {
      due.remove();
    }
    const comments = row.querySelector('.task-comments');
    comments.href = `${page.dataset.taskBase || '/tasks/'}${task.id}#conversation`;
    showCommentCount(comments, task.commentCount || 0);
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

  /** "3 comments" on a row; none at all when there are none. */
  function showCommentCount(label, value) {
    const n = Math.max(0, value);
    label.dataset.count = String(n);
    label.hidden = n === 0;
    label.textContent = n === 1 ? page.dataset.commentsOne : page.dataset.commentsMany.replace('2', String(n));
  }

  /** A comment was added (+1) or deleted (-1) on a task, perhaps one on this list. */
  function commentsChanged(taskId, delta) {
    const row = rowOf(taskId);
    const label = row && row.querySelector('.task-comments');
    if (label) showCommentCount(label, Number(label.dataset.count || 0) + delta);
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

  /** A task moved to a project the reader is not in: whatever the filters, it goes. */
  function movedAway(taskId) {
    const row = rowOf(taskId);
    if (!row) return;
    row.remove();
    setTotal(total - 1);
    updateEmpty();
  }

  /** One line about what someone else did; it fades after a few seconds. */
  function say(template, ...values) {
    if (!activity || !template) return;
    const line = document.createElement('p');
    line.className = 'activity-line';
    line.textContent = template.replace(/\{(\d)\}/g, (placeholder, index) => values[Number(index)] ?? '');
    activity.prepend(line);
    while (activity.children.length > 4) activity.lastElementChild.remove();
    setTimeout(() => line.classList.add('fading'), 7000);
    setTimeout(() => line.remove(), 8000);
  }

  /** Says who changed a task, unless it was the reader (in any tab) or it is not on this list. */
  function tell(event, before) {
    if (!event.actor || event.actor.id === me) return;
    const who = event.actor.displayName;
    const lines = activity.dataset;
    if (event.type === 'removed') {
      if (before) say(lines.removed, who, before.title);
      else if (!filter.project) say(lines.removedUntitled, who);
      return;
    }
    const task = event.task;
    if (filter.project && task.project.id !== filter.project && !before) return;
    switch (event.type) {
      case 'created':
        say(lines.created, who, task.title);
        break;
      case 'restored':
        say(lines.restored, who, task.title);
        break;
      case 'deleted':
        say(lines.deleted, who, task.title);
        break;
      default:
        if (before && before.projectId !== String(task.project.id)) {
          say(lines.project, who, task.title, projectName(task.project));
        } else if (before && before.status !== task.status) {
          say(lines.status, who, task.title, statusLabels[task.status] || task.status);
        } else {
          say(lines.updated, who, task.title);
        }
    }
  }

  /** What the list showed of a task before an event changed it. */
  function seen(taskId) {
    const row = rowOf(taskId);
    if (!row) return null;
    return {
      title: row.querySelector('.task-title').textContent,
      status: row.dataset.status,
      projectId: row.dataset.projectId,
    };
  }

  function addProject(project) {
    if (!switcher || projectLink(project.id)) return;
    const link = document.createElement('a');
    const base = switcher.querySelector('a[data-project-id=""]');
    const url = new URL(base ? base.href : window.location.href, window.location.href);
    url.search = '';
    url.searchParams.set('project', String(project.id));
    link.href = url.pathname + url.search;
    link.dataset.projectId = String(project.id);
    const name = document.createElement('span');
    name.className = 'project-name';
    name.textContent = project.personal ? personalLabel : project.name;
    link.append(name);
    if (!project.personal) {
      const role = document.createElement('span');
      role.className = 'role';
      link.append(role);
    }
    switcher.append(link);
    updateProject(project);
  }

  /** A rename or a new role: the switcher, the new-task form's choices and the rows' edit links follow. */
  function updateProject(project) {
    const link = projectLink(project.id);
    if (!link) return;
    const couldEdit = canEdit(project.id);
    link.dataset.role = project.role;
    if (!project.personal) {
      link.querySelector('.project-name').textContent = project.name;
      const role = link.querySelector('.role');
      if (role) role.textContent = roleLabels[project.role] || project.role;
      if (filter.project === project.id && heading) heading.textContent = project.name;
    }
    if (newTaskProject) {
      let option = newTaskProject.querySelector(`option[value="${Number(project.id)}"]`);
      if (canEdit(project.id) && !option) {
        option = document.createElement('option');
        option.value = String(project.id);
        newTaskProject.append(option);
      } else if (!canEdit(project.id) && option) {
        dropOption(option);
        option = null;
      }
      if (option) option.textContent = projectName(project);
    }
    list.querySelectorAll(`li[data-project-id="${Number(project.id)}"]`).forEach((row) => {
      const edit = row.querySelector('.row-edit');
      if (edit && !canEdit(project.id)) edit.remove();
    });
    // promoted: the rows are drawn again, with the Edit links the new role brings
    if (!couldEdit && canEdit(project.id)) refresh();
    list.querySelectorAll(`li[data-project-id="${Number(project.id)}"] .task-project`)
      .forEach((label) => { label.textContent = projectName(project); });
  }

  function dropOption(option) {
    const wasChosen = option.selected;
    option.remove();
    if (wasChosen && newTaskProject.options.length > 0) {
      newTaskProject.selectedIndex = 0;
      newTaskProject.dispatchEvent(new Event('change'));
    }
  }

  /** The reader left the project (or was removed, or it was deleted): its tasks go at once. */
  function leftProject(project) {
    const rows = list.querySelectorAll(`li[data-project-id="${Number(project.id)}"]`);
    rows.forEach((row) => row.remove());
    const link = projectLink(project.id);
    const name = link ? link.querySelector('.project-name').textContent : project.name;
    if (link) link.remove();
    if (newTaskProject) {
      const option = newTaskProject.querySelector(`option[value="${Number(project.id)}"]`);
      if (option) dropOption(option);
    }
    say(activity.dataset.left, name);
    if (filter.project === project.id) {
      setTotal(0);
      updateEmpty();
      return;
    }
    setTotal(total - rows.length);
    updateEmpty();
    // the list may have had more of its tasks on other pages: take it again
    refresh();
  }

  function joinedProject(project) {
    addProject(project);
    say(activity.dataset.joined, projectName(project));
    if (!filter.project) refresh();
  }

  /**
   * Takes the list again; an event that arrives meanwhile may be older or newer than the
   * answer, so the list is taken once more after it.
   */
  const refresh = window.TaskFeedLive.coalesced(refetch);

  /** After a reconnect, anything may have happened meanwhile: take the list again from the API. */
  async function refetch() {
    const query = new URLSearchParams();
    if (filter.project) query.set('projectId', String(filter.project));
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

  function presence(message) {
    const counts = JSON.parse(message.body);
    feed.show('connected', live.dataset.online.replace('{0}', String(counts.users)));
    live.title = `${counts.users} / ${counts.sessions}`;
    live.dataset.users = String(counts.users);
    live.dataset.sessions = String(counts.sessions);
  }

  /** Initials for a name: "Ana García" is AG, "bob" is B. */
  function initials(name) {
    const words = name.trim().split(/\s+/).filter(Boolean);
    const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
    return letters.map((word) => Array.from(word)[0].toUpperCase()).join('');
  }

  /** Who of the chosen shared project's members is online: their initials, their names to read. */
  function projectPresence(message) {
    const view = JSON.parse(message.body);
    if (!onlinePeople || view.projectId !== Number(onlinePeople.dataset.projectId)) return;
    onlinePeople.replaceChildren(...view.online.map((person) => {
      const item = document.createElement('li');
      item.className = 'person';
      item.dataset.userId = String(person.id);
      item.title = person.displayName;
      const badge = document.createElement('span');
      badge.className = 'initials';
      badge.setAttribute('aria-hidden', 'true');
      badge.textContent = initials(person.displayName) || '?';
      const name = document.createElement('span');
      name.className = 'visually-hidden person-name';
      name.textContent = person.displayName;
      item.append(badge, name);
      return item;
    }));
    onlinePeople.hidden = view.online.length === 0;
  }

  function onConnect(client, reconnected) {
    client.subscribe('/user/queue/tasks', (message) => {
      const event = JSON.parse(message.body);
      refresh.changed();
      const before = seen(event.task ? event.task.id : event.taskId);
      switch (event.type) {
        case 'created':
        case 'restored':
          arrived(event.task);
          tell(event, before);
          break;
        case 'updated':
          changed(event.task);
          tell(event, before);
          break;
        case 'deleted':
          removed(event.task);
          tell(event, before);
          break;
        case 'removed':
          movedAway(event.taskId);
          tell(event, before);
          break;
        case 'comment-added':
          commentsChanged(event.taskId, 1);
          break;
        case 'comment-deleted':
          commentsChanged(event.taskId, -1);
          break;
        case 'project-joined':
          joinedProject(event.project);
          break;
        case 'project-updated':
          updateProject(event.project);
          break;
        case 'project-left':
          if (onlinePeople && event.project.id === Number(onlinePeople.dataset.projectId)) {
            onlinePeople.replaceChildren();
            onlinePeople.hidden = true;
          }
          leftProject(event.project);
          break;
        default:
          break;
      }
    });
    client.subscribe('/topic/presence', presence);
    client.subscribe('/app/presence', presence);
    if (onlinePeople) {
      client.subscribe('/user/queue/presence', projectPresence);
      client.subscribe(`/app/projects/${Number(onlinePeople.dataset.projectId)}/presence`, projectPresence);
    }
    if (reconnected) {
      refresh();
    }
  }

  const feed = window.TaskFeedLive.connect({ path: page.dataset.ws, live, onConnect });
})();
