/* opmodel: sortable, filterable tables. Works offline and from file://; re-runs on every
   page load (Material's document$ when instant navigation is on, DOMContentLoaded otherwise). */
(function () {
  "use strict";

  function text(el) { return (el.textContent || "").toLowerCase(); }

  function applyFilters(container) {
    var query = container.querySelector("input.opm-filter");
    var words = query ? query.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var selects = container.querySelectorAll("select[data-opm-filter]");
    var rows = container.querySelectorAll("tbody tr");
    var shown = 0;
    rows.forEach(function (row) {
      var visible = words.every(function (w) { return text(row).indexOf(w) !== -1; });
      selects.forEach(function (select) {
        var value = select.value;
        if (!value || !visible) return;
        var field = select.getAttribute("data-opm-filter");
        var data = row.getAttribute("data-" + field) || "";
        visible = field === "category" ? data === value : data.indexOf(" " + value + " ") !== -1;
      });
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    var count = container.querySelector(".opm-count");
    if (count) count.textContent = shown + " of " + rows.length + " shown";
  }

  function setUp(root) {
    root.querySelectorAll("[data-opm-filterable]").forEach(function (container) {
      if (container.dataset.opmReady) return;
      container.dataset.opmReady = "1";
      container.querySelectorAll("input.opm-filter, select[data-opm-filter]").forEach(function (el) {
        el.addEventListener("input", function () { applyFilters(container); });
        el.addEventListener("change", function () { applyFilters(container); });
      });
      applyFilters(container);
    });
    if (typeof Tablesort !== "undefined") {
      root.querySelectorAll("table.opm-sortable").forEach(function (table) {
        if (!table.dataset.opmSorted) { table.dataset.opmSorted = "1"; new Tablesort(table); }
      });
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { setUp(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  }
})();
