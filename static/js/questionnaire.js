// The questionnaire's one bit of script that htmx attributes cannot express: copying the
// link to the current answer to the clipboard. Everything else is htmx (or plain HTML).
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // On a phone the answer sits below the form; a bar at the bottom of the screen points to
  // it, and steps aside once the answer itself is on screen.
  var answer = document.getElementById("answer-col");
  if (answer && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      document.documentElement.classList.toggle("answer-in-view", entries[0].isIntersecting);
    }).observe(answer);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-href]");
    if (!button || !navigator.clipboard) {
      return;
    }
    var url = new URL(button.getAttribute("data-copy-href"), window.location.href).href;
    navigator.clipboard.writeText(url).then(function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied-text") || label;
      window.setTimeout(function () { button.textContent = label; }, 1600);
    });
  });
})();
