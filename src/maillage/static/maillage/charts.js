/* Draws every chart of the page from the Vega-Lite specs the server wrote into the page. */
(function () {
  "use strict";
  // Numbers and dates in the page's language (decimal comma, French months): see formatting.chart_locale.
  function locale() {
    var source = document.getElementById("chart-locale");
    return source ? JSON.parse(source.textContent) : {};
  }
  function draw() {
    var language = locale();
    var views = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(views, function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source || typeof vegaEmbed === "undefined") return;
      var spec = JSON.parse(source.textContent);
      // `ast: true` evaluates expressions with vega-interpreter instead of `new Function`: the page's
      // Content-Security-Policy has no 'unsafe-eval'.
      var options = { actions: false, renderer: "svg", ast: true };
      if (language.number) options.formatLocale = language.number;
      if (language.time) options.timeFormatLocale = language.time;
      vegaEmbed(element, spec, options)
        .then(function () { element.dataset.drawn = "1"; })
        .catch(function () { element.dataset.drawn = "error"; });
    });
  }
  var started = false;
  function start() {
    if (started) return;
    started = true;
    draw();
  }
  // On a dashboard the map is the main content: its data arrive while these charts would be compiling,
  // so draw them once the map is on screen (or has failed), and in any case after a few seconds.
  var map = document.getElementById("map-root");
  if (map && map.dataset.ready !== "1") {
    map.addEventListener("maillage:settled", start);
    setTimeout(start, 5000);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
