/* Nothing typed is lost when the connection drops or the tab is closed.
 *
 * Each field's zone saves the whole step by htmx when it changes (apply/_zone.html). This script:
 * - when such an autosave fails (no network, server error), says so in the step's live region
 *   (#etat-enregistrement, role="status") and tries again: at once when the browser is back
 *   online, otherwise after 2, 4, 8… seconds (at most a minute). htmx never redraws the page on
 *   a failure, so the fields keep what was typed. Once saved, says so;
 * - when the page is hidden or left (tab closed, another page), sends the fields changed since
 *   the last autosave with navigator.sendBeacon to the same address: urlencoded, with the CSRF
 *   token and the fields' `_shown` keys, without files, and `_beacon` so that the server saves
 *   quietly (204).
 *
 * Markup: <form data-autosave="URL" data-autosave-failed="…" data-autosave-restored="…"> around
 * the step. Without JavaScript the step's buttons save the form.
 */
(function () {
  "use strict";

  var FIRST_DELAY = 2000;
  var LONGEST_DELAY = 60000;

  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("etat-enregistrement");
  if (!form || !status) {
    return;
  }
  var url = form.getAttribute("data-autosave");

  var edits = 0; // the person's edits so far
  var pending = {}; // zone id → number of its last edit, until an autosave carried it
  var beaconed = 0; // the edits a beacon (or the form's submission) already carried
  var failedZone = null; // id of the zone whose autosave failed, until one succeeds
  var delay = 0;
  var timer = null;

  function isAutosave(event) {
    var zone = event.detail && event.detail.elt;
    return !!(zone && zone.getAttribute && zone.getAttribute("hx-post") === url);
  }

  function notice(kind, text) {
    var alert = document.createElement("div");
    alert.className = "fr-alert fr-alert--sm fr-alert--" + kind;
    var paragraph = document.createElement("p");
    paragraph.textContent = text;
    alert.appendChild(paragraph);
    return alert;
  }

  function edited(event) {
    var zone = event.target.closest && event.target.closest("[hx-post]");
    if (zone && zone.getAttribute("hx-post") === url) {
      edits += 1;
      pending[zone.id] = edits;
    }
  }

  function schedule() {
    clearTimeout(timer);
    delay = delay ? Math.min(delay * 2, LONGEST_DELAY) : FIRST_DELAY;
    timer = setTimeout(retry, delay);
  }

  function retry() {
    timer = null;
    if (!failedZone) {
      return;
    }
    if (navigator.onLine === false) {
      schedule(); // the "online" event comes sooner
      return;
    }
    var zone = document.getElementById(failedZone) || form.querySelector("[hx-post]");
    htmx.trigger(zone, zone.getAttribute("hx-trigger") || "change");
  }

  function failed(event) {
    if (!isAutosave(event)) {
      return;
    }
    failedZone = event.detail.elt.id;
    if (!status.querySelector(".fr-alert--warning")) {
      // once: a live region that says the same again at each retry would be noise
      status.replaceChildren(notice("warning", form.getAttribute("data-autosave-failed")));
    }
    if (!timer) {
      schedule();
    }
  }

  function saved(event) {
    // By its request: when the answer redraws the zone, htmx tells its parent, not the zone.
    var xhr = event.detail.xhr;
    if (!xhr || xhr.essaimEdits === undefined || !event.detail.successful) {
      return;
    }
    var carried = xhr.essaimEdits;
    delete xhr.essaimEdits;
    Object.keys(pending).forEach(function (id) {
      if (pending[id] <= carried) {
        delete pending[id];
      }
    });
    if (failedZone) {
      // The answer has just put « Brouillon enregistré à … » in the live region.
      clearTimeout(timer);
      timer = null;
      delay = 0;
      failedZone = null;
      var restored = notice("success", form.getAttribute("data-autosave-restored"));
      restored.classList.add("fr-mb-1w");
      status.insertBefore(restored, status.firstChild);
    }
  }

  function sendPending() {
    var ids = Object.keys(pending);
    if (!ids.length || beaconed === edits || !navigator.sendBeacon) {
      return;
    }
    var inside = []; // the pending zones' named elements
    ids.forEach(function (id) {
      var zone = document.getElementById(id);
      if (zone) {
        inside.push.apply(inside, zone.querySelectorAll("[name]"));
      }
    });
    var names = {};
    var keys = {};
    inside.forEach(function (element) {
      if (element.name === "_shown") {
        keys[element.value] = true;
      } else {
        names[element.name] = true;
      }
    });
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string") {
        return; // files wait for the next autosave
      }
      if (name === "csrfmiddlewaretoken" || (name === "_shown" ? keys[value] : names[name])) {
        body.append(name, value);
      }
    });
    body.append("_beacon", "1");
    if (navigator.sendBeacon(url, body)) {
      beaconed = edits;
    }
  }

  // "input" only: every kind of field fires it, and htmx starts the autosave on "change",
  // after it, with the edit already counted.
  form.addEventListener("input", edited);
  form.addEventListener("submit", function () {
    beaconed = edits; // the form carries every field
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isAutosave(event)) {
      event.detail.xhr.essaimEdits = edits;
    }
  });
  document.addEventListener("htmx:afterRequest", saved);
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:timeout", failed);
  window.addEventListener("online", function () {
    if (failedZone) {
      delay = 0;
      clearTimeout(timer);
      retry();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      sendPending();
    }
  });
  window.addEventListener("pagehide", sendPending);
})();
