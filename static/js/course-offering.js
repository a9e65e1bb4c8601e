// The offering form (과목 개설): "행 추가" adds a blank row to a schedule table (a Django
// formset: the row's names are renumbered and TOTAL_FORMS raised), and the schedule shows the
// table of the chosen kind (weekly slots or dated sessions). Without JavaScript both tables
// show with their blank rows and the form still works.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-add-row]");
    if (!button) return;
    var prefix = button.getAttribute("data-add-row");
    var body = document.querySelector("[data-rows='" + prefix + "']");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!body || !total) return;
    var count = parseInt(total.value, 10);
    if (max && count >= parseInt(max.value, 10)) return;
    var row = body.querySelector("tr:last-child").cloneNode(true);
    var pattern = new RegExp(prefix + "-\\d+-", "g");
    Array.prototype.forEach.call(row.querySelectorAll("input, select, label"), function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
        var value = el.getAttribute(attribute);
        if (value) el.setAttribute(attribute, value.replace(pattern, prefix + "-" + count + "-"));
      });
      if (el.tagName === "INPUT") el.value = "";
      if (el.tagName === "SELECT") el.selectedIndex = 0;
      el.removeAttribute("aria-invalid");
    });
    Array.prototype.forEach.call(row.querySelectorAll(".form-hint-invalid"), function (note) {
      note.parentNode.removeChild(note);
    });
    var number = row.querySelector("[data-row-number]");
    if (number) number.textContent = String(count + 1);
    body.appendChild(row);
    total.value = String(count + 1);
    var first = row.querySelector("input, select");
    if (first) first.focus();
  });

  var kinds = document.querySelectorAll("input[name='schedule_kind']");
  var show = function () {
    var chosen = document.querySelector("input[name='schedule_kind']:checked");
    Array.prototype.forEach.call(document.querySelectorAll("[data-schedule]"), function (box) {
      box.hidden = !!chosen && box.getAttribute("data-schedule") !== chosen.value;
    });
  };
  Array.prototype.forEach.call(kinds, function (input) { input.addEventListener("change", show); });
  show();
})();
