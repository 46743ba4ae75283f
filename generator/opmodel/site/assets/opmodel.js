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

  /* Large diagrams: when the SVG would shrink to under 60% of its natural size, give it a
     fixed viewport with pan and zoom (svg-pan-zoom) instead of an unreadable miniature. */
  function setUpZoom(root) {
    if (typeof svgPanZoom === "undefined") return;
    root.querySelectorAll("figure[data-opm-zoom]").forEach(function (figure) {
      var svg = figure.querySelector("svg");
      if (!svg || figure.dataset.opmZoomReady) return;
      var box = svg.viewBox && svg.viewBox.baseVal;
      var available = figure.clientWidth || 1;
      if (!box || box.width < available / 0.6) return;
      figure.dataset.opmZoomReady = "1";
      figure.classList.add("opm-zoomable");
      svg.style.height = Math.min(window.innerHeight * 0.7, box.height) + "px";
      svg.style.width = "100%";
      var zoom = svgPanZoom(svg, { controlIconsEnabled: true, fit: true, center: true,
                                   zoomScaleSensitivity: 0.3, minZoom: 0.2, maxZoom: 20 });
      // Fitting a very large diagram makes its text unreadable: start at a readable scale
      // at the top left instead, and let the reader pan from there.
      var readable = 0.8;
      var sizes = zoom.getSizes();
      if (sizes.realZoom < readable) {
        zoom.zoom(zoom.getZoom() * readable / sizes.realZoom);
        zoom.pan({ x: 10, y: 10 });
      }
      var hint = document.createElement("p");
      hint.className = "opm-zoom-hint";
      hint.textContent = "Large diagram: scroll or use + and − to zoom, drag to move.";
      figure.insertBefore(hint, figure.firstChild);
    });
  }

  /* Material's search overlay is a role="dialog" without a name (axe: aria-dialog-name). */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    var input = document.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }

  function setUpAll(root) { setUp(root); setUpZoom(root); nameSearchDialog(); }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { setUpAll(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setUpAll(document); });
  }
})();
