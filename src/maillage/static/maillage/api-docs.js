// The API documentation page: Swagger UI served from our own static files (no CDN, no inline script).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var csrf = root.getAttribute("data-csrf-token");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    // Without deep links: Swagger UI puts each one as a link inside the operation's button (a control
    // nested in a control, which screen readers cannot reach).
    deepLinking: false,
    layout: "BaseLayout",
    // Signed in through the web, "Try it out" uses the session: writes need the CSRF token.
    requestInterceptor: function (request) {
      if (csrf && request.method && request.method.toUpperCase() !== "GET") {
        request.headers["X-CSRFToken"] = csrf;
      }
      return request;
    },
  });
})();
