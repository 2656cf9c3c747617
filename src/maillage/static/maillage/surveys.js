// Survey partner list: filter the checkboxes as the respondent types (accent- and case-insensitive).
// Hidden rows stay in the form, so checked partners are never lost by a search.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filter-list]").forEach(function (input) {
      var list = document.getElementById(input.dataset.filterList);
      if (!list) return;
      input.addEventListener("input", function () {
        var words = fold(input.value).split(/\s+/).filter(Boolean);
        list.querySelectorAll("li[data-search]").forEach(function (row) {
          var text = row.dataset.search;
          var checked = row.querySelector("input:checked");
          row.hidden = !checked && !words.every(function (w) { return text.indexOf(w) !== -1; });
        });
      });
    });
  });
})();
