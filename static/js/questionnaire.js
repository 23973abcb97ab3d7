// The questionnaire's bits of script that htmx attributes cannot express: showing only the
// questions that count (copying the answer's link is app.js's, as on every page). Everything
// else is htmx (or plain HTML); the page works without this file.
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

  // Migration details (where it runs, data to move, downtime) count only once a source
  // engine is chosen: hide them until then. Without script the page says so beside them.
  function syncDependents() {
    document.querySelectorAll("[data-depends-on]").forEach(function (row) {
      var source = document.querySelector('[name="' + row.getAttribute("data-depends-on") + '"]');
      row.hidden = !source || !source.value;
    });
  }

  // Edition and licence count only for Oracle and SQL Server: shown under the engine question
  // once one of those is RDS's engine (the edition: the engine kept; the licence: that, else
  // the one migrated from), with only that engine's editions. A hidden row is disabled, so
  // an edition left from another engine is not sent (nor refused); it comes back with it.
  var LICENSED = ["oracle", "sqlserver"];
  function valueOf(name) {
    var field = document.querySelector('[name="' + name + '"]');
    return field ? field.value : "";
  }
  function syncLicensed() {
    var kept = valueOf("engine_preference");
    var rds = kept || valueOf("migration_engine");
    document.querySelectorAll("[data-licensed-by]").forEach(function (row) {
      var engine = row.getAttribute("data-licensed-by") === "kept" ? kept : rds;
      var errors = row.querySelector(".field-errors");
      var shown = LICENSED.indexOf(engine) >= 0 || !!(errors && errors.textContent.trim());
      row.hidden = !shown;
      row.querySelectorAll("select").forEach(function (select) {
        select.disabled = !shown;
        if (!shown) {
          return;
        }
        select.querySelectorAll("option[data-engines]").forEach(function (option) {
          var offered = option.getAttribute("data-engines").split(" ").indexOf(engine) >= 0;
          option.disabled = !offered;
          option.hidden = !offered;
          if (!offered && option.selected) {
            select.value = "";
          }
        });
      });
    });
  }

  // The primary Region is not offered again among the other Regions. Its box is disabled,
  // not just hidden, so it is not sent twice.
  function syncRegions() {
    var primary = document.getElementById("id_regions");
    if (!primary) {
      return;
    }
    document.querySelectorAll('.region-grid input[name="regions"]').forEach(function (box) {
      var isPrimary = box.value === primary.value;
      box.disabled = isPrimary;
      if (isPrimary) {
        box.checked = false;
      }
      box.closest("label").hidden = isPrimary;
    });
  }

  syncDependents();
  syncRegions();
  syncLicensed();
  // Capture phase: the fields are in their new state before htmx (listening on the form)
  // collects the values to send.
  document.addEventListener("change", function (event) {
    var name = event.target.name;
    if (name === "regions" && event.target.id === "id_regions") {
      syncRegions();
    } else if (name === "multi_region" && event.target.value !== "none") {
      var more = document.getElementById("more-regions");
      if (more) {
        more.open = true;
      }
    }
    syncDependents();
    syncLicensed();
  }, true);

  // A Region message arriving out of band must not stay folded away.
  document.addEventListener("htmx:oobAfterSwap", function () {
    var errors = document.getElementById("errors-regions");
    if (errors && errors.textContent.trim()) {
      var more = document.getElementById("more-regions");
      if (more) {
        more.open = true;
      }
    }
  });

  // Say "updating" to screen readers while an answer loads; the status line then says the
  // new total. Text that changes is what a live region announces.
  function setBusy(on) {
    var live = document.getElementById("answer-busy");
    if (live) {
      live.textContent = on ? live.getAttribute("data-busy-text") : "";
    }
    // On a phone the bar at the bottom is all of the answer in view: its total is stale while
    // a new answer loads, so it says so (the answer's own swap replaces the bar afterwards).
    var jump = document.getElementById("answer-jump");
    if (jump) {
      jump.classList.toggle("is-updating", on);
    }
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target.id === "questionnaire") {
      setBusy(true);
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.target.id === "questionnaire") {
      setBusy(false);
    }
  });

})();
