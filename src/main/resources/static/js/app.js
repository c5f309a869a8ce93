// TaskFeed pages: small enhancements; every page also works without this script.
(() => {
  'use strict';
  const lang = document.documentElement.lang || undefined;
  const dateFormat = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });

  /** A due date (yyyy-mm-dd) in the reader's language. */
  function formatDate(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return dateFormat.format(new Date(Date.UTC(y, m - 1, d)));
  }

  function localize(root) {
    root.querySelectorAll('time.date[datetime]').forEach((el) => { el.textContent = formatDate(el.getAttribute('datetime')); });
    root.querySelectorAll('time.datetime[datetime]').forEach((el) => {
      el.textContent = dateTimeFormat.format(new Date(el.getAttribute('datetime')));
    });
  }

  window.TaskFeed = { formatDate, localize };

  document.addEventListener('DOMContentLoaded', () => {
    localize(document);
    // a one-time secret (a calendar address): a copy button where the browser allows it
    document.querySelectorAll('button[data-copy]').forEach((button) => {
      const field = document.getElementById(button.dataset.copy);
      if (!field || !navigator.clipboard) {
        return;
      }
      button.hidden = false;
      button.addEventListener('click', () => {
        navigator.clipboard.writeText(field.value).then(() => { button.textContent = button.dataset.copied; });
      });
    });
    document.querySelectorAll('form[data-confirm]').forEach((form) => {
      form.addEventListener('submit', (event) => {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  });
})();
