/* jirga report behaviour: draw charts, export charts and tables, collapsible sections, print.
   Inlined after plotly.js; uses nothing from the network (downloads are blob: URLs). */
(function () {
  "use strict";
  var PRINT_WIDTH_MM = 188;   // A4 (210 mm) less the @page margins in report.css
  var PRINT_HEIGHT = 0.42;    // charts print at this share of their screen height …
  var PRINT_MIN_HEIGHT = 175; // … but never below this (px)

  function save(blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url; a.download = filename;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function button(label, title, onclick) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "dl"; b.textContent = label; b.title = title;
    b.addEventListener("click", onclick);
    return b;
  }

  function downloadChart(gd, format) {
    return Plotly.downloadImage(gd, {format: format, filename: gd.dataset.name || gd.id,
                                     width: gd._fullLayout.width, height: gd._fullLayout.height,
                                     scale: format === "png" ? 2 : 1});
  }

  var SVG_ICON = {width: 1000, height: 1000,
                  path: "M430 80h140v440l160-160 100 100-330 330-330-330 100-100 160 160zM100 820h800v120H100z",
                  transform: "matrix(1 0 0 1 0 0)"};

  /* Draw one chart: a modebar with PNG and SVG download, and the same two as visible buttons. */
  function plot(id, json, name) {
    var gd = document.getElementById(id);
    var fig = JSON.parse(json);
    gd.dataset.name = name;
    gd.dataset.height = (fig.layout && fig.layout.height) || 400;
    var config = {
      displaylogo: false, responsive: true,
      modeBarButtonsToRemove: ["select2d", "lasso2d"],
      toImageButtonOptions: {format: "png", filename: name, scale: 2},
      modeBarButtonsToAdd: [{name: "downloadSvg", title: "Download plot as SVG", icon: SVG_ICON,
                             click: function (g) { downloadChart(g, "svg"); }}]
    };
    gd._jirgaLayout = JSON.parse(JSON.stringify(fig.layout || {}));  // for print and back
    gd._jirgaConfig = config;
    Plotly.newPlot(gd, fig.data, fig.layout, config);
    var bar = document.createElement("div");
    bar.className = "export";
    bar.appendChild(button("PNG", "Download this chart as PNG", function () { downloadChart(gd, "png"); }));
    bar.appendChild(button("SVG", "Download this chart as SVG", function () { downloadChart(gd, "svg"); }));
    gd.parentNode.insertBefore(bar, gd.nextSibling);
  }

  function cellText(cell) {
    var c = cell.cloneNode(true);
    c.querySelectorAll("a.src, button").forEach(function (n) { n.remove(); });
    return c.textContent.replace(/\s+/g, " ").trim();
  }

  function csvOf(table) {
    return Array.prototype.map.call(table.rows, function (row) {
      return Array.prototype.map.call(row.cells, function (cell) {
        var t = cellText(cell);
        return /[",\r\n]/.test(t) || /^\s|\s$/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  /* A CSV button under every table; the file is named after its section. */
  function addTableExports() {
    var count = {};
    document.querySelectorAll("main table").forEach(function (table) {
      var sec = table.closest("section");
      var key = sec ? sec.id : "table";
      count[key] = (count[key] || 0) + 1;
      var filename = key + "-" + count[key] + ".csv";
      table.dataset.csv = filename;
      var bar = document.createElement("div");
      bar.className = "export";
      bar.appendChild(button("CSV", "Download this table as CSV", function () {
        save(new Blob(["\ufeff" + csvOf(table)], {type: "text/csv;charset=utf-8"}), filename);
      }));
      table.parentNode.insertBefore(bar, table.nextSibling);
    });
  }

  function openTo(el) {
    var own = el.querySelector(":scope > details.sec");  // a section's own collapsible body
    if (own) own.open = true;
    for (var d = el; d; d = d.parentElement) {
      if (d.tagName === "DETAILS" && !d.open) d.open = true;
    }
  }

  function openHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el) { openTo(el); el.scrollIntoView(); }
  }

  function measureNav() {
    var nav = document.querySelector("nav");
    if (nav) document.documentElement.style.setProperty("--nav-h", nav.offsetHeight + "px");
  }

  function resizeAll() {
    document.querySelectorAll("[data-jirga-plot]").forEach(function (gd) {
      if (gd._fullLayout) Plotly.Plots.resize(gd);
    });
  }

  /* A chart with named rows (actors, scenarios on the y axis) keeps 16 px a row in print,
     or plotly drops every other label. */
  function categoryHeight(gd) {
    var names = {};
    gd.data.forEach(function (t) {
      if (Array.isArray(t.y)) t.y.forEach(function (v) { if (typeof v === "string") names[v] = 1; });
    });
    var n = Object.keys(names).length;
    return n ? 16 * n + 80 : 0;
  }

  /* Rows a horizontal legend takes at the print font. Plotly wraps it into columns as
     wide as its widest entry (about 40 px of symbol and gap plus 5 px a character). */
  function legendRows(gd, width) {
    var names = gd.data.filter(function (t) { return t.showlegend !== false && t.name; })
                       .map(function (t) { return String(t.name).replace(/<[^>]+>/g, ""); });
    if (names.length < 2) return 0;
    var widest = Math.max.apply(null, names.map(function (n) { return 40 + 5 * n.length; }));
    return Math.ceil(names.length / Math.max(1, Math.floor(width / widest)));
  }

  /* Print: every section open, charts redrawn to the page width and a shorter height. */
  var printing = false;
  function printLayout(on) {
    if (on === printing) return;
    printing = on;
    if (on) {
      document.querySelectorAll("details.sec").forEach(function (d) {
        d.dataset.wasOpen = d.open ? "1" : "0"; d.open = true;
      });
    } else {
      document.querySelectorAll("details.sec").forEach(function (d) {
        if (d.dataset.wasOpen === "0") d.open = false;
      });
    }
    var page = Math.floor(PRINT_WIDTH_MM * 96 / 25.4);
    var firstPair = document.querySelector(".pair");
    if (firstPair) firstPair.classList.toggle("legend-pair", on);
    document.querySelectorAll("[data-jirga-plot]").forEach(function (gd) {
      if (!gd._fullLayout || !gd._jirgaLayout) return;
      // a chart in a .pair (or an issue's block) gets half the page (the print CSS's grid column)
      var pair = gd.closest(".pair");
      var half = (pair && pair !== firstPair) || gd.closest(".issue");
      // redrawn from the original layout
      var layout = JSON.parse(JSON.stringify(gd._jirgaLayout));
      if (on) {
        var h = Number(gd.dataset.height);
        layout.width = half ? Math.floor((page - 19) / 2) : page;
        layout.height = Math.max(PRINT_MIN_HEIGHT, Math.round(h * PRINT_HEIGHT), categoryHeight(gd));
        if (!(pair && pair !== firstPair) && layout.showlegend !== false) {
          layout.height += 19 * legendRows(gd, layout.width);
        }
        layout.font = Object.assign({}, layout.font, {size: 9});
        layout.legend = Object.assign({}, layout.legend, {font: {size: 8}});
        if (layout.title && typeof layout.title === "object") {
          layout.title = Object.assign({}, layout.title, {font: Object.assign({}, layout.title.font, {size: 10})});
        }
        // pairs repeat one legend (the same actors on every issue): print it once
        if (pair && pair !== firstPair) layout.showlegend = false;
      }
      try {
        // a fresh plot: relayout and react keep the margins the screen legend pushed out,
        // which squeeze a small print chart to nothing
        Plotly.newPlot(gd, gd.data, layout, gd._jirgaConfig);
      } catch (err) {  // one chart that cannot take the print size must not stop the others
        if (window.console) console.warn("jirga: print layout of " + gd.id + ": " + err);
      }
    });
  }

  function init() {
    measureNav();
    addTableExports();
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest('a[href^="#"]');
      if (!a) return;
      var el = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (el) openTo(el);
    });
    document.querySelectorAll("details").forEach(function (d) {
      d.addEventListener("toggle", function () { if (d.open && !printing) resizeAll(); });
    });
    var all = document.getElementById("expand-all"), none = document.getElementById("collapse-all");
    if (all) all.addEventListener("click", function () {
      document.querySelectorAll("details.sec").forEach(function (d) { d.open = true; });
    });
    if (none) none.addEventListener("click", function () {
      document.querySelectorAll("details.sec").forEach(function (d) { d.open = false; });
    });
    window.addEventListener("resize", measureNav);
    window.addEventListener("hashchange", openHash);
    window.addEventListener("beforeprint", function () { printLayout(true); });
    window.addEventListener("afterprint", function () { printLayout(false); });
    var mq = window.matchMedia("print");
    mq.addEventListener("change", function (e) { printLayout(e.matches); });
    if (location.hash) openHash();
  }

  window.jirga = {plot: plot, csv: csvOf, printLayout: printLayout};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
