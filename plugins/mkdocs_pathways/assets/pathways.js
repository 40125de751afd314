/* mkdocs-pathways: the lesson catalog filter. Without this script the catalog is a complete grouped list. */
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("pw-filter");
    if (!form || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var items = Array.prototype.slice.call(document.querySelectorAll(".pw-lesson-item"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".pw-lesson-group"));
    var count = document.getElementById("pw-filter-count");
    var empty = document.getElementById("pw-filter-empty");
    var fields = ["grade", "stage", "competency", "cluster"];
    var data = { grade: "grades", stage: "stage", competency: "competencies", cluster: "clusters" };

    function values() {
      var out = {};
      fields.forEach(function (name) { out[name] = form.elements[name].value; });
      return out;
    }

    function matches(item, wanted) {
      return fields.every(function (name) {
        if (!wanted[name]) { return true; }
        var have = (item.getAttribute("data-" + data[name]) || "").split(" ");
        return have.indexOf(wanted[name]) !== -1;
      });
    }

    function apply(updateUrl) {
      var wanted = values();
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, wanted);
        item.hidden = !ok;
        if (ok) { shown += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".pw-lesson-item:not([hidden])");
      });
      empty.hidden = shown !== 0;
      count.textContent = shown === items.length
        ? "Showing all " + items.length + " lessons."
        : "Showing " + shown + " of " + items.length + " lessons.";
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        fields.forEach(function (name) {
          if (wanted[name]) { params.set(name, wanted[name]); } else { params.delete(name); }
        });
        var query = params.toString();
        // The filter lives in the URL, so a filtered catalog can be bookmarked and shared.
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      }
    }

    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var value = params.get(name);
      var select = form.elements[name];
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) { select.value = value; }
    });
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
    if (params.toString() && window.location.hash) {
      // The grade links on the home page carry a stage anchor for readers without script; with the
      // filter applied, the top of the list is the better place to land.
      form.scrollIntoView();
    }
  }

  // A table wider than the page scrolls inside its wrapper; keyboard users must be able to reach and scroll it.
  function scrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1 && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
      }
    });
  }

  function start() {
    setUp();
    scrollableTables();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
