/* Draws every chart of the page from the Vega-Lite specs the server wrote into the page. */
(function () {
  "use strict";
  function draw() {
    var views = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(views, function (element) {
      var source = document.getElementById(element.dataset.chart);
      if (!source || typeof vegaEmbed === "undefined") return;
      var spec = JSON.parse(source.textContent);
      // `ast: true` evaluates expressions with vega-interpreter instead of `new Function`: the page's
      // Content-Security-Policy has no 'unsafe-eval'.
      vegaEmbed(element, spec, { actions: false, renderer: "svg", ast: true })
        .then(function () { element.dataset.drawn = "1"; })
        .catch(function () { element.dataset.drawn = "error"; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
