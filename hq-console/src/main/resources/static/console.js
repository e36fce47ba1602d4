// Instants arrive in UTC; each <time datetime> is shown in the browser's own zone and language.
(function () {
  function localise(root) {
    root.querySelectorAll('time[datetime]').forEach(function (time) {
      var at = time.getAttribute('datetime');
      if (!at || time.dataset.localised) { return; }
      var date = new Date(at);
      if (!isNaN(date)) {
        time.textContent = date.toLocaleString(document.documentElement.lang || undefined);
        time.title = at;
        time.dataset.localised = 'true';
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    localise(document);
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    document.body.addEventListener('htmx:configRequest', function (event) {
      if (token && header && token.content) { event.detail.headers[header.content] = token.content; }
    });
    document.body.addEventListener('htmx:afterSwap', function (event) { localise(event.target); });
  });
})();
