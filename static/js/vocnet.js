// vocnet page behaviour. No inline scripts: pages declare what they need with data attributes.
(function () {
  "use strict";
  // Keep the address bar in step with htmx-driven filters so a URL always reproduces the view.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "results") {
      var heading = target.querySelector("[data-results-heading]");
      if (heading) heading.focus();
    }
  });

  // The main menu is a <details> open in the HTML (it works without JavaScript); on a narrow
  // screen it starts folded behind its "메뉴" button, on a wide one it is always open.
  var menu = document.querySelector("[data-collapsible-menu]");
  if (menu && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 767px)");
    var sync = function () { menu.open = !narrow.matches; };
    sync();
    narrow.addEventListener("change", sync);
  }

  // A table wider than the screen scrolls inside its box; the box then takes the keyboard
  // focus (arrow keys scroll it) and is named after the table's caption.
  var scrollLabel = document.body.getAttribute("data-scroll-label") || "";
  var markScrollable = function () {
    Array.prototype.forEach.call(document.querySelectorAll(".krds-table-wrap, .vn-scroll"), function (box) {
      if (box.scrollWidth <= box.clientWidth) return;
      if (box.getAttribute("tabindex") === null) box.setAttribute("tabindex", "0");
      if (!box.getAttribute("role")) {
        var caption = box.querySelector("caption");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", ((caption ? caption.textContent.trim() + " " : "") + scrollLabel).trim());
      }
    });
  };
  window.addEventListener("resize", markScrollable);

  // On a phone every simple table of the page (one header row, no merged cells) reads as a
  // stack of cards, one per row, each cell under its column's name (issue 16 §5). The names
  // come from the table's own header, here, for every table of every page: the CSS pattern is
  // .vn-table-stack with td[data-label] (vocnet.css). The table's roles are stated, since a
  // table shown as blocks loses them in some browsers. A table marked data-no-stack, or one
  // this cannot read, keeps scrolling inside its box.
  var stackTables = function (root) {
    Array.prototype.forEach.call(root.querySelectorAll("main table.vn-table:not([data-no-stack]):not(.vn-table-stack)"), function (table) {
      var head = table.tHead;
      if (!head || head.rows.length !== 1 || table.querySelector("[colspan], [rowspan]")) return;
      var names = Array.prototype.map.call(head.rows[0].cells, function (cell) {
        return cell.textContent.replace(/\s+/g, " ").trim();
      });
      var fits = true;
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          if (row.cells.length !== names.length) fits = false;
        });
      });
      if (!fits) return;
      table.setAttribute("role", "table");
      head.setAttribute("role", "rowgroup");
      head.rows[0].setAttribute("role", "row");
      Array.prototype.forEach.call(head.rows[0].cells, function (cell) { cell.setAttribute("role", "columnheader"); });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        body.setAttribute("role", "rowgroup");
        Array.prototype.forEach.call(body.rows, function (row) {
          row.setAttribute("role", "row");
          Array.prototype.forEach.call(row.cells, function (cell, index) {
            cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
            if (!cell.hasAttribute("data-label") && names[index]) cell.setAttribute("data-label", names[index]);
          });
        });
      });
      table.classList.add("vn-table-stack");
    });
  };
  stackTables(document);
  markScrollable();
  document.addEventListener("htmx:afterSettle", function (event) {
    stackTables(event.target || document);
    markScrollable();
  });

  // After a refused form, the focus goes to what explains it: the error summary (the
  // role="alert" box of the page), or else the first field marked aria-invalid.
  var summary = document.querySelector("main [data-error-summary], main .vn-errors[role=alert]");
  var invalid = document.querySelector("main [aria-invalid=true]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  } else if (invalid) {
    invalid.focus();
  }

  // Irreversible actions ask first: a form with data-confirm="question" is sent only when the
  // person confirms (one pattern for cancelling, publishing, signing, terminating…).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  // A long list (the lead organisation among ~200) gets a search box that narrows its options;
  // without JavaScript the plain list still works.
  var FILTER_AT = 50;
  var filterLabel = document.body.getAttribute("data-filter-label") || "Filter";
  Array.prototype.forEach.call(document.querySelectorAll("main form:not(.vn-filters) select:not([multiple])"), function (select) {
    if (select.options.length < FILTER_AT || select.disabled) return;
    var box = document.createElement("input");
    box.type = "search";
    box.className = "krds-input vn-select-filter";
    box.id = select.id + "_filter";
    box.setAttribute("aria-controls", select.id);
    var fieldLabel = select.id && document.querySelector("label[for='" + select.id + "']");
    box.setAttribute("aria-label", (fieldLabel ? fieldLabel.textContent.trim() + ": " : "") + filterLabel);
    box.placeholder = filterLabel;
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var shown = !words || option.value === "" || option.text.toLowerCase().indexOf(words) !== -1;
        option.hidden = !shown;
        if (shown && option.value !== "" && first === null) first = option;
      });
      if (first && select.selectedOptions.length && select.selectedOptions[0].hidden) {
        select.value = first.value;
      }
    });
  });
})();
