// The task forms' project select: when another project is chosen, offer that project's own
// categories and members at once (without this script the form comes back from the server
// offering them). User text is only ever set with textContent.
(() => {
  'use strict';

  async function read(url) {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  function enhance(form) {
    const select = form.querySelector('select[name="projectId"]');
    const fieldsProject = form.querySelector('input[name="fieldsProjectId"]');
    const assignee = form.querySelector('select[name="assigneeId"]');
    const checks = form.querySelector('.categories-field .checks');
    const template = form.querySelector('template.category-check-template');
    const emptyHint = form.querySelector('.no-categories');
    if (!select || !fieldsProject || !assignee || !checks || !template) return;

    function offerCategories(categories) {
      const ticked = new Set([...checks.querySelectorAll('input:checked')].map((input) => input.value));
      checks.replaceChildren(...categories.map((category) => {
        const label = template.content.firstElementChild.cloneNode(true);
        const input = label.querySelector('input');
        input.value = String(category.id);
        input.checked = ticked.has(String(category.id));
        label.querySelector('circle').setAttribute('fill', category.color);
        label.querySelector('span').textContent = category.name;
        return label;
      }));
      if (emptyHint) {
        emptyHint.hidden = categories.length > 0;
        const link = emptyHint.querySelector('a');
        if (link) {
          const url = new URL(link.href, window.location.href);
          url.searchParams.set('project', select.value);
          link.href = url.pathname + url.search;
        }
      }
    }

    function offerMembers(members) {
      const chosen = assignee.value;
      const nobody = assignee.options[0];
      assignee.replaceChildren(nobody, ...members.map((member) => {
        const option = document.createElement('option');
        option.value = String(member.user.id);
        option.textContent = member.user.displayName;
        return option;
      }));
      assignee.value = members.some((member) => String(member.user.id) === chosen) ? chosen : '';
    }

    select.addEventListener('change', async () => {
      const project = select.value;
      try {
        const [categories, members] = await Promise.all([
          read(`${form.dataset.categoriesApi}?projectId=${encodeURIComponent(project)}`),
          read(`${form.dataset.projectsApi}${encodeURIComponent(project)}/members`),
        ]);
        if (select.value !== project) return;
        offerCategories(categories);
        offerMembers(members);
        fieldsProject.value = project;
      } catch (error) {
        // the server offers them when the form comes back
      }
    });
  }

  document.querySelectorAll('form[data-task-form]').forEach(enhance);
})();
