/* Announces the progress of a document's upload to screen readers (and shows it), while the
 * field's autosave sends it (htmx, multipart). Without JavaScript the file leaves with the
 * step's form, as any other answer.
 *
 * Markup: <form data-upload-progress="… {percent} …"> around the step, and its live region
 * #etat-enregistrement (role="status"), which the autosave's answer then fills with « Brouillon
 * enregistré » or the field shows its error. Announced at most every 25 %, so that screen
 * readers are not flooded.
 */
(function () {
  "use strict";

  var lastStep = -1;

  function hasFile(element) {
    var inputs = element.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].files && inputs[i].files.length) {
        return true;
      }
    }
    return false;
  }

  document.addEventListener("htmx:xhr:loadstart", function (event) {
    lastStep = hasFile(event.target) ? 0 : -1;
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest("form[data-upload-progress]");
    var status = document.getElementById("etat-enregistrement");
    var detail = event.detail || {};
    if (!form || !status || lastStep < 0 || !detail.lengthComputable || !detail.total) {
      return;
    }
    var percent = Math.floor((detail.loaded / detail.total) * 100);
    var step = Math.floor(percent / 25);
    if (step > lastStep && percent < 100) {
      lastStep = step;
      var line = document.createElement("p");
      line.className = "fr-hint-text fr-mb-0";
      line.textContent = form
        .getAttribute("data-upload-progress")
        .replace("{percent}", String(percent));
      status.replaceChildren(line);
    }
  });
})();
