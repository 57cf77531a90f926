/* Drag-and-drop reordering in the procedure builder: an enhancement of the up/down buttons.
 *
 * Markup: <ol data-reorder-url="…" data-reorder-label="…"> with <li data-reorder-id="…"> items,
 * a <form> holding the CSRF token inside the page, and a live region [data-reorder-status].
 * On drop, the new order is posted (order=<id>&order=<id>…); the up/down buttons keep working
 * without JavaScript and from the keyboard.
 */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function announce(list, text) {
    var status = document.querySelector("[data-reorder-status]");
    if (status) {
      status.textContent = text;
    }
  }

  function save(list) {
    var body = new URLSearchParams();
    list.querySelectorAll(":scope > [data-reorder-id]").forEach(function (item) {
      body.append("order", item.getAttribute("data-reorder-id"));
    });
    fetch(list.getAttribute("data-reorder-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
      body: body,
    }).then(function (response) {
      announce(
        list,
        response.ok
          ? list.getAttribute("data-reorder-saved")
          : list.getAttribute("data-reorder-failed")
      );
      if (!response.ok) {
        window.location.reload();
      }
    });
  }

  function enable(list) {
    var dragged = null;
    list.querySelectorAll(":scope > [data-reorder-id]").forEach(function (item) {
      item.setAttribute("draggable", "true");
      item.classList.add("essaim-reorder__item");
      item.addEventListener("dragstart", function (event) {
        event.stopPropagation(); // a field's row sits inside its section's row
        dragged = item;
        item.classList.add("essaim-reorder__item--dragged");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.getAttribute("data-reorder-id"));
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("essaim-reorder__item--dragged");
        dragged = null;
      });
      function place(event) {
        var box = item.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
      }
      item.addEventListener("dragover", function (event) {
        if (!dragged || dragged.parentNode !== list) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        if (dragged !== item) {
          place(event);
        }
      });
      item.addEventListener("drop", function (event) {
        if (!dragged || dragged.parentNode !== list) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        if (dragged !== item) {
          place(event);
        }
        save(list);
      });
    });
  }

  document.querySelectorAll("[data-reorder-url]").forEach(enable);
})();
