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

// Copy buttons of the invitations page: the link goes to the clipboard and the button says so.
(function () {
  "use strict";
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain HTTP on a local network has no clipboard API: select a hidden field and copy it.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "sr-only";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    var state = button.parentNode.querySelector(".copy-state");
    copyText(source.textContent.trim()).then(function () {
      document.querySelectorAll("button.copy.copied").forEach(function (other) {
        other.classList.remove("copied");
      });
      button.classList.add("copied");
      if (state) state.textContent = button.dataset.copied;
    }, function () {
      // The clipboard refused: select the link so a Ctrl+C copies it.
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    });
  });
})();

// The partner's form: progress (answered / total) and saving as the respondent answers.
// Each change posts the whole form with X-Autosave; the server saves it as a draft and answers in JSON.
(function () {
  "use strict";
  function answered(group) {
    if (group.querySelector("input:checked")) return true;
    return Array.prototype.some.call(group.querySelectorAll("textarea, input[type=text], select"), function (field) {
      return field.value.trim() !== "";
    });
  }
  function showProgress(form) {
    var box = form.querySelector("[data-progress]");
    var groups = form.querySelectorAll("[data-answer]");
    if (!box || !groups.length) return;
    var done = Array.prototype.filter.call(groups, answered).length;
    box.querySelector("[data-answered]").textContent = done;
    box.querySelector("[data-total]").textContent = groups.length;
    var bar = box.querySelector("progress");
    bar.max = groups.length;
    bar.value = done;
    box.hidden = false;
  }
  function autosave(form) {
    var status = form.querySelector("[data-autosave-status]");
    var timer = null;
    var scheduled = false;
    var pending = false;
    var running = false;
    // "Saved" shows only when nothing is waiting: a test or a respondent may leave as soon as it shows.
    function say(key) {
      if (status) { status.textContent = status.dataset[key]; status.dataset.state = key; }
    }
    function save() {
      scheduled = false;
      if (running) { pending = true; return; }
      running = true;
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(form.action || window.location.href, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Autosave": "1", "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
      }).then(function (response) {
        return response.ok;
      }, function () {
        return false;
      }).then(function (ok) {
        running = false;
        if (pending) { pending = false; save(); return; }
        if (!scheduled) say(ok ? "saved" : "failed");
      });
    }
    function later(delay) {
      window.clearTimeout(timer);
      scheduled = true;
      say("saving");
      timer = window.setTimeout(save, delay);
    }
    form.addEventListener("change", function () { showProgress(form); later(300); });
    form.addEventListener("input", function (event) {
      if (event.target.matches("textarea, input[type=text]")) { showProgress(form); later(1200); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      showProgress(form);
      autosave(form);
    });
  });
})();
