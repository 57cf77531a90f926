/* Keeps the agenda's <head> feed link (#agenda-flux-ical) in step with the filters on Back and
 * Forward. Filtering swaps it out of band (agenda/_results_swap.html), but htmx's history
 * restores only <body>: the head then takes the address of the restored page's own
 * subscription link ([data-agenda-feed], agenda/_links.html).
 */
(function () {
  "use strict";

  document.addEventListener("htmx:historyRestore", function () {
    var head = document.getElementById("agenda-flux-ical");
    var body = document.querySelector("[data-agenda-feed]");
    if (head && body) {
      head.setAttribute("href", body.getAttribute("href"));
    }
  });
})();
