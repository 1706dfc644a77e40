/* dehub site: list filters whose state lives in the query string, and the language
   choice on the root page. No inline scripts; everything works without this file. */
(function () {
  "use strict";

  var root = document.documentElement;

  /* The root page: go to the reader's language when it is one of the site's. */
  if (root.hasAttribute("data-languages")) {
    var offered = root.getAttribute("data-languages").split(" ");
    var wanted = (navigator.languages || [navigator.language || ""]).map(function (tag) {
      return String(tag).slice(0, 2).toLowerCase();
    });
    var chosen = offered[0];
    for (var w = 0; w < wanted.length; w++) {
      if (offered.indexOf(wanted[w]) >= 0) { chosen = wanted[w]; break; }
    }
    if (chosen) { location.replace(chosen + "/index.html"); }
    return;
  }

  var form = document.querySelector("form.filters[data-list]");
  if (!form) { return; }
  var list = document.getElementById(form.getAttribute("data-list"));
  var status = document.querySelector(".count[data-text]");
  if (!list) { return; }

  /* Köln is found as koeln and as koln, Universität as universitaet and universitat. */
  function plain(text) {
    return String(text).toLowerCase().replace(/ß/g, "ss")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function fold(text) {
    return plain(String(text).toLowerCase()
      .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue"));
  }

  /* Each item once: its folded text and its memberships as [hub, first year, last year]. */
  var items = Array.prototype.map.call(list.children, function (element) {
    var spans = (element.getAttribute("data-m") || "").split(" ").filter(Boolean).map(function (part) {
      var hub = part.split(":")[0];
      var range = part.split(":")[1] || "";
      var years = range.split("-");
      return {
        hub: hub,
        first: range ? parseInt(years[0], 10) : null,
        last: range && years[1] ? parseInt(years[1], 10) : Infinity
      };
    });
    return {
      element: element,
      text: fold(element.textContent) + "\n" + plain(element.textContent),
      kind: element.getAttribute("data-kind") || "",
      sectors: (element.getAttribute("data-sectors") || "").split(" "),
      spans: spans
    };
  });

  var fields = Array.prototype.filter.call(form.elements, function (field) {
    return field.name;
  });

  function state() {
    var values = {};
    fields.forEach(function (field) {
      var value = field.value.trim();
      if (value) { values[field.name] = value; }
    });
    return values;
  }

  function matches(item, values) {
    if (values.q) {
      var terms = fold(values.q).split(/\s+/).filter(Boolean);
      for (var i = 0; i < terms.length; i++) {
        if (item.text.indexOf(terms[i]) < 0) { return false; }
      }
    }
    if (values.kind && item.kind !== values.kind) { return false; }
    if (values.sector && item.sectors.indexOf(values.sector) < 0) { return false; }
    if (values.hub || values.year) {
      var year = values.year ? parseInt(values.year, 10) : null;
      return item.spans.some(function (span) {
        if (values.hub && span.hub !== values.hub) { return false; }
        if (year === null) { return true; }
        return span.first !== null && span.first <= year && year <= span.last;
      });
    }
    return true;
  }

  function apply() {
    var values = state();
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, values);
      item.element.hidden = !visible;
      if (visible) { shown++; }
    });
    if (status) {
      var lang = root.lang === "de" ? "de-DE" : "en-GB";
      status.textContent = status.getAttribute("data-text")
        .replace("{shown}", shown.toLocaleString(lang))
        .replace("{total}", items.length.toLocaleString(lang));
    }
    return values;
  }

  function writeUrl(values) {
    var query = new URLSearchParams();
    fields.forEach(function (field) {
      if (values[field.name]) { query.set(field.name, values[field.name]); }
    });
    var text = query.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : "") + location.hash);
    /* The same view in the other language keeps the filters. */
    Array.prototype.forEach.call(document.querySelectorAll("nav.langs a"), function (link) {
      var href = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", href + (text ? "?" + text : ""));
    });
  }

  function readUrl() {
    var query = new URLSearchParams(location.search);
    fields.forEach(function (field) {
      var value = query.get(field.name) || "";
      if (field.tagName === "SELECT") {
        var known = Array.prototype.some.call(field.options, function (option) {
          return option.value === value;
        });
        field.value = known ? value : "";
      } else {
        field.value = value;
      }
    });
  }

  function update() { writeUrl(apply()); }

  form.hidden = false;
  readUrl();
  if (location.search) { writeUrl(apply()); } else { apply(); }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  window.addEventListener("popstate", function () { readUrl(); apply(); });
}());
