// Every page: what htmx does with an answer that is not a 2xx. No inline script: strict CSP.
//
// The views answer bad input with a 4xx *fragment* meant to be shown in the request's target
// (the form again, with its message). htmx 2 drops 4xx answers by default, so the message
// would vanish; and under DEBUG django-htmx's script would replace the whole page with the
// bare fragment. A whole HTML document (Django's CSRF 403, the 404 and 500 pages) is never
// swapped into a panel: a short notice says the request failed instead.
(function () {
  "use strict";
  // Controls that work only with script (the Copy buttons) show once this has run.
  document.documentElement.classList.add("js");

  function isFragment(xhr) {
    return !/<html[\s>]/i.test(xhr.responseText || "");
  }

  function isShownError(xhr) {
    return xhr && xhr.status >= 400 && xhr.status < 500 && isFragment(xhr);
  }

  function notice() {
    return document.getElementById("request-notice");
  }

  function showNotice(kind) {
    var box = notice();
    if (!box) {
      return;
    }
    box.querySelector("[data-notice-text]").textContent = box.getAttribute("data-" + kind);
    box.hidden = false;
  }

  function hideNotice() {
    var box = notice();
    if (box) {
      box.hidden = true;
    }
  }

  // django-htmx's debug script listens on document; stop the event one step earlier for the
  // fragments that are meant to be shown, so it leaves the page alone.
  document.documentElement.addEventListener("htmx:beforeOnLoad", function (event) {
    if (isShownError(event.detail.xhr)) {
      event.stopPropagation();
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.status < 400) {
      return;
    }
    if (isShownError(xhr)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      hideNotice();
      return;
    }
    event.detail.shouldSwap = false;
    showNotice(xhr.status >= 500 ? "server-error" : "request-error");
  });

  document.addEventListener("htmx:sendError", function () { showNotice("network-error"); });
  document.addEventListener("htmx:timeout", function () { showNotice("network-error"); });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      hideNotice();
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-notice-close]")) {
      hideNotice();
    }
  });

  // Copy buttons: `data-copy-href` copies that address made absolute (a link to an answer or a
  // report), `data-copy-text` the text itself (a new API token). The label says "Copied" for
  // a moment.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-href], [data-copy-text]");
    if (!button || !navigator.clipboard) {
      return;
    }
    var href = button.getAttribute("data-copy-href");
    var text = href !== null ? new URL(href, window.location.href).href : button.getAttribute("data-copy-text");
    navigator.clipboard.writeText(text).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied-text") || label;
      window.setTimeout(function () { button.textContent = label; }, 1600);
    });
  });

  // The language switch returns to the page as it is now: the questionnaire keeps its answers
  // in the address, which it rewrites as they change.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest(".language-form");
    var next = form && form.querySelector('input[name="next"]');
    if (next) {
      next.value = window.location.pathname + window.location.search;
    }
  });
})();
