// Catalog page: let htmx show the "these filters cannot be applied" answer (HTTP 400) in
// place of the results, instead of dropping it as an error. No inline script: strict CSP.
document.addEventListener("htmx:beforeSwap", function (event) {
  var xhr = event.detail.xhr;
  var target = event.detail.target;
  if (xhr && xhr.status === 400 && target && target.closest("#catalog-browser")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
