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

  /* Large diagrams: when fitting the SVG to the column would draw its smallest text under
     READABLE_PX, give it a fixed viewport with pan and zoom (svg-pan-zoom) instead of an
     unreadable miniature. Graphviz sizes in points: the viewBox and font sizes are in pt,
     and the SVG's natural width (--opm-width, the CSS cap) is 4/3 as many px. */
  var READABLE_PX = 10;
  var PX_PER_PT = 4 / 3;

  function smallestFont(svg) {
    var smallest = Infinity;
    svg.querySelectorAll("text[font-size]").forEach(function (t) {
      var size = parseFloat(t.getAttribute("font-size"));
      if (size > 0 && size < smallest) smallest = size;
    });
    return isFinite(smallest) ? smallest : 14;
  }

  function button(text, label, className, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "opm-zoom-button " + className;
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", action);
    return b;
  }

  function setUpZoom(root) {
    if (typeof svgPanZoom === "undefined") return;
    root.querySelectorAll("figure[data-opm-zoom]").forEach(function (figure) {
      var svg = figure.querySelector("svg");
      if (!svg || figure.dataset.opmZoomReady) return;
      var box = svg.viewBox && svg.viewBox.baseVal;
      if (!box || !box.width) return;
      var available = figure.clientWidth || 1;
      var font = smallestFont(svg);
      var pxPerUnit = Math.min(available, box.width * PX_PER_PT) / box.width;
      if (font * pxPerUnit >= READABLE_PX) return;
      figure.dataset.opmZoomReady = "1";
      figure.classList.add("opm-zoomable");
      svg.style.height = Math.min(window.innerHeight * 0.7, box.height * PX_PER_PT) + "px";
      svg.style.width = "100%";
      // The controls sit above the drawing, not on it: svg-pan-zoom's own float over the
      // bottom-right corner, on top of whatever nodes are panned there.
      var zoom = svgPanZoom(svg, { controlIconsEnabled: false, fit: true, center: true,
                                   zoomScaleSensitivity: 0.3, minZoom: 0.05, maxZoom: 20 });
      // Fitting a very large diagram makes its text unreadable: start where the smallest
      // text is READABLE_PX or more, at the top left, and let the reader pan from there.
      var readable = Math.max(1, READABLE_PX / font);
      function start() {
        zoom.fit(); zoom.center();
        var sizes = zoom.getSizes();
        if (sizes.realZoom < readable) {
          zoom.zoom(zoom.getZoom() * readable / sizes.realZoom);
          zoom.pan({ x: 10, y: 10 });
        }
      }
      start();
      var bar = document.createElement("div");
      bar.className = "opm-zoom-bar";
      var hint = document.createElement("span");
      hint.className = "opm-zoom-hint";
      hint.textContent = "Large diagram: scroll or use + and − to zoom, drag to move.";
      bar.appendChild(hint);
      bar.appendChild(button("+", "Zoom in", "opm-zoom-in", function () { zoom.zoomIn(); }));
      bar.appendChild(button("−", "Zoom out", "opm-zoom-out", function () { zoom.zoomOut(); }));
      bar.appendChild(button("Whole", "Show the whole diagram", "opm-zoom-fit",
                             function () { zoom.fit(); zoom.center(); }));
      bar.appendChild(button("Reset", "Reset: back to the start", "opm-zoom-reset", start));
      figure.insertBefore(bar, figure.firstChild);
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
