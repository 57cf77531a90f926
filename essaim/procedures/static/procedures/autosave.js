/* Nothing typed is lost when the connection drops, the session expires or the tab is closed.
 *
 * Each field's zone saves the whole step by htmx when it changes (apply/_zone.html), with the
 * draft's revision (`_revision`): the server refuses (409) a save from a page that missed
 * another tab's save. This script:
 * - when such an autosave fails (no network, server error), says so in the step's live region
 *   (#etat-enregistrement, role="status") and tries again: at once when the browser is back
 *   online, otherwise after 2, 4, 8… seconds (at most a minute). htmx never redraws the page on
 *   a failure, so the fields keep what was typed. Once saved, says so;
 * - keeps the answers not yet saved in localStorage while saves fail, and restores them when
 *   the step is opened again, if the draft was not saved since (same revision), then saves them;
 * - when the draft changed elsewhere (409) or the session expired (401, 403, or sent to the
 *   sign-in page), stops saving, keeps the answers on the device and says what to do;
 * - when the page is hidden or left (tab closed, another page), sends the fields changed since
 *   the last autosave in a keepalive request to the same address: urlencoded, with the CSRF
 *   token, `_revision`, the fields' `_shown` keys, without files, and `_beacon` so that the
 *   server saves quietly (204). Unlike sendBeacon, a page still open reads the new revision.
 *
 * Markup: <form data-autosave="URL" data-autosave-revision="N" data-autosave-failed="…"…>
 * around the step (messages in step.html). Without JavaScript the step's buttons save the form.
 */
(function () {
  "use strict";

  var FIRST_DELAY = 2000;
  var LONGEST_DELAY = 60000;
  var REVISION = "Essaim-Revision"; // response header: the draft's revision once saved
  var COPY_PREFIX = "essaim-autosave:";
  var COPY_LIFETIME = 30 * 24 * 3600 * 1000;

  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("etat-enregistrement");
  if (!form || !status) {
    return;
  }
  var url = form.getAttribute("data-autosave");
  var revision = form.getAttribute("data-autosave-revision");
  var copyKey = COPY_PREFIX + url;

  var edits = 0; // the person's edits so far
  var pending = {}; // zone id → number of its last edit, until an autosave carried it
  var beaconed = 0; // the edits a beacon (or the form's submission) already carried
  var failedZone = null; // id of the zone whose autosave failed, until one succeeds
  var delay = 0;
  var timer = null;
  var stopped = false; // the draft changed elsewhere or the session expired: saving cannot work
  var restoring = false; // answers restored from this device, until they are saved
  var leaving = null; // the keepalive request sent as the page was hidden, until answered

  function text(name) {
    return form.getAttribute("data-autosave-" + name);
  }

  function isAutosave(event) {
    var zone = event.detail && event.detail.elt;
    return !!(zone && zone.getAttribute && zone.getAttribute("hx-post") === url);
  }

  function notice(kind, words, action) {
    var alert = document.createElement("div");
    alert.className = "fr-alert fr-alert--sm fr-alert--" + kind;
    var paragraph = document.createElement("p");
    paragraph.textContent = words;
    alert.appendChild(paragraph);
    if (action) {
      action.classList.add("fr-btn", "fr-btn--sm", "fr-btn--secondary", "fr-mt-1w");
      alert.appendChild(action);
    }
    return alert;
  }

  /* The local copy. It stays in this browser's storage on the applicant's own device, where
   * anyone using the same browser profile could read it: it holds only the fields not yet
   * saved (never files), is removed once they are saved, and after COPY_LIFETIME at the latest. */

  function pendingFields() {
    var names = {};
    var shown = [];
    Object.keys(pending).forEach(function (id) {
      var zone = document.getElementById(id);
      if (zone) {
        zone.querySelectorAll("[name]").forEach(function (element) {
          if (element.name === "_shown") {
            shown.push(element.value);
          } else if (element.type !== "file") {
            names[element.name] = true;
          }
        });
      }
    });
    var values = [];
    new FormData(form).forEach(function (value, name) {
      if (names[name] && typeof value === "string") {
        values.push([name, value]);
      }
    });
    return { names: Object.keys(names), shown: shown, values: values };
  }

  function keep() {
    var fields = pendingFields();
    try {
      if (fields.names.length) {
        var copy = { revision: revision, savedAt: Date.now(), names: fields.names };
        copy.values = fields.values;
        localStorage.setItem(copyKey, JSON.stringify(copy));
      }
    } catch (error) {
      // Storage full or disabled: the retries and the beacon remain.
    }
  }

  function forget() {
    try {
      localStorage.removeItem(copyKey);
    } catch (error) {
      // nothing kept
    }
  }

  function readCopy(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function dropOldCopies() {
    try {
      for (var i = localStorage.length - 1; i >= 0; i -= 1) {
        var key = localStorage.key(i);
        if (key.indexOf(COPY_PREFIX) === 0) {
          var copy = readCopy(key);
          if (!copy || !(Date.now() - copy.savedAt < COPY_LIFETIME)) {
            localStorage.removeItem(key);
          }
        }
      }
    } catch (error) {
      // no storage
    }
  }

  function edit(zone) {
    edits += 1;
    pending[zone.id] = edits;
  }

  function restore() {
    var copy = readCopy(copyKey);
    if (!copy) {
      return;
    }
    if (String(copy.revision) !== revision || !Array.isArray(copy.values)) {
      forget(); // the draft was saved since: by the beacon, or elsewhere
      return;
    }
    var given = {};
    copy.values.forEach(function (pair) {
      (given[pair[0]] = given[pair[0]] || []).push(pair[1]);
    });
    var first = null;
    copy.names.forEach(function (name) {
      var values = given[name] || [];
      form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (element) {
        var zone = element.closest("[hx-post]");
        if (!zone || element.type === "file") {
          return;
        }
        if (element.type === "checkbox" || element.type === "radio") {
          element.checked = values.indexOf(element.value) >= 0;
        } else if (element.multiple) {
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = values.indexOf(option.value) >= 0;
          });
        } else {
          element.value = values.length ? values.shift() : "";
        }
        edit(zone);
        first = first || zone;
      });
    });
    if (!first) {
      forget();
      return;
    }
    restoring = true;
    status.replaceChildren(notice("info", text("kept")));
    htmx.trigger(first, first.getAttribute("hx-trigger") || "change");
  }

  /* Saving, failing, trying again. */

  function edited(event) {
    var zone = event.target.closest && event.target.closest("[hx-post]");
    if (zone && zone.getAttribute("hx-post") === url) {
      edit(zone);
      if (failedZone || stopped) {
        keep();
      }
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

  function refusal(code, redirected) {
    if (code === 409) {
      return "conflict";
    }
    return redirected || code === 401 || code === 403 ? "expired" : null;
  }

  function isRedirected(responseUrl) {
    // An expired session sends the request to the sign-in page, which answers 200.
    return !!responseUrl && new URL(responseUrl).pathname !== new URL(url, location.href).pathname;
  }

  function stop(kind, current) {
    // Trying again cannot help: the person has to act. Their answers stay on this device.
    clearTimeout(timer);
    timer = null;
    delay = 0;
    failedZone = null;
    stopped = true;
    if (current) {
      revision = current; // after reloading, this tab's answers go over the latest version
    }
    keep();
    var action = null;
    if (kind === "conflict") {
      action = document.createElement("button");
      action.type = "button";
      action.textContent = text("reload");
      action.addEventListener("click", function () {
        location.reload();
      });
    } else if (text("login")) {
      action = document.createElement("a");
      action.href = text("login");
      action.textContent = text("login-label");
    }
    status.replaceChildren(notice("error", text(kind), action));
  }

  function failed(event) {
    if (!isAutosave(event) || stopped) {
      return;
    }
    var xhr = event.detail.xhr;
    var kind = refusal(xhr.status, isRedirected(xhr.responseURL));
    if (kind) {
      stop(kind, xhr.getResponseHeader(REVISION));
      return;
    }
    failedZone = event.detail.elt.id;
    keep();
    if (!status.querySelector(".fr-alert--warning")) {
      // once: a live region that says the same again at each retry would be noise
      var warning = notice("warning", text("failed"));
      var kept = status.querySelector(".fr-alert--info");
      if (kept) {
        kept.classList.add("fr-mb-1w");
        status.replaceChildren(kept, warning);
      } else {
        status.replaceChildren(warning);
      }
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
    revision = xhr.getResponseHeader(REVISION) || revision;
    Object.keys(pending).forEach(function (id) {
      if (pending[id] <= carried) {
        delete pending[id];
      }
    });
    if (!Object.keys(pending).length) {
      forget();
    } else if (failedZone || restoring) {
      keep(); // with the new revision
    }
    var message = restoring ? "kept-saved" : failedZone ? "restored" : null;
    clearTimeout(timer);
    timer = null;
    delay = 0;
    failedZone = null;
    restoring = false;
    if (message) {
      // The answer has just put « Brouillon enregistré à … » in the live region.
      var done = notice("success", text(message));
      done.classList.add("fr-mb-1w");
      status.insertBefore(done, status.firstChild);
    }
  }

  function sendPending() {
    if (navigator.onLine === false) {
      keep();
    }
    var fields = pendingFields();
    if (stopped || !fields.names.length || beaconed === edits) {
      return;
    }
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    fields.shown.forEach(function (key) {
      body.append("_shown", key);
    });
    fields.values.forEach(function (pair) {
      body.append(pair[0], pair[1]);
    });
    body.append("_revision", revision);
    body.append("_beacon", "1");
    beaconed = edits;
    var request = { method: "POST", body: body, keepalive: true, credentials: "same-origin" };
    leaving = fetch(url, request)
      .then(function (response) {
        var kind = refusal(response.status, response.redirected);
        if (kind) {
          stop(kind, response.headers.get(REVISION));
        } else if (response.ok) {
          revision = response.headers.get(REVISION) || revision;
        }
      })
      .catch(function () {
        // the next autosave carries these fields again
      })
      .then(function () {
        leaving = null;
      });
  }

  // "input" only: every kind of field fires it, and htmx starts the autosave on "change",
  // after it, with the edit already counted.
  form.addEventListener("input", edited);
  form.addEventListener("submit", function () {
    beaconed = edits; // the form carries every field
  });
  document.addEventListener("htmx:confirm", function (event) {
    if (!isAutosave(event)) {
      return;
    }
    if (stopped) {
      event.preventDefault();
    } else if (leaving) {
      // the revision is known once the keepalive request is answered
      event.preventDefault();
      leaving.then(function () {
        event.detail.issueRequest(true);
      });
    }
  });
  document.addEventListener("htmx:configRequest", function (event) {
    if (isAutosave(event)) {
      event.detail.formData.set("_revision", revision);
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isAutosave(event)) {
      event.detail.xhr.essaimEdits = edits;
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (isAutosave(event) && isRedirected(event.detail.xhr.responseURL)) {
      event.detail.shouldSwap = false; // the sign-in page: a failure (htmx:responseError)
      event.detail.isError = true;
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
  dropOldCopies();
  // After htmx has set up the zones (its own listener, added by an earlier script, runs first).
  document.addEventListener("DOMContentLoaded", restore);
})();
