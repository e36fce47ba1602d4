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
  // A part with a chart carries its ECharts option; it is drawn once the part is in the page.
  function draw(root) {
    if (typeof echarts === 'undefined') { return; }
    root.querySelectorAll('[data-chart]').forEach(function (element) {
      if (element.dataset.drawn) { return; }
      echarts.init(element).setOption(JSON.parse(element.dataset.chart));
      element.dataset.drawn = 'true';
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    localise(document);
    draw(document);
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    document.body.addEventListener('htmx:configRequest', function (event) {
      if (token && header && token.content) { event.detail.headers[header.content] = token.content; }
    });
    document.body.addEventListener('htmx:afterSwap', function (event) { localise(event.target); draw(event.target); });
  });
})();
