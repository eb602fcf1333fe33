// The batch page's filter and sort. It reads only the rows' data-* attributes
// and writes only classes, attributes, .value and .textContent: no markup is
// ever built from text. State lives in the URL fragment, e.g.
// report.html#filter=not-ready&rule=CAT002&q=pet&sort=-e
(function () {
  "use strict";
  var d = document;
  var table = d.getElementById("stores");
  if (!table) return;
  var body = d.getElementById("rows");
  var status = d.getElementById("status");
  var none = d.getElementById("none");
  var select = d.getElementById("rule");
  var search = d.getElementById("q");
  var segs = d.querySelectorAll("[data-filter]");
  var heads = table.querySelectorAll("[data-sort]");
  var collator = new Intl.Collator(d.documentElement.lang || undefined, { numeric: true });
  d.getElementById("controls").hidden = false;

  var rows = [];
  for (var i = 0, trs = body.children; i < trs.length; i++) {
    var tr = trs[i], ds = tr.dataset;
    rows.push({
      tr: tr,
      det: d.getElementById("s" + ds.i),
      i: +ds.i,
      ready: ds.ready === "1",
      e: +ds.e, w: +ds.w, n: +ds.n,
      rules: " " + ds.rules + " ",
      name: tr.firstElementChild.firstElementChild.textContent,
      appid: tr.children[1].textContent,
      key: null,
      on: true
    });
  }
  var order = rows.slice();
  var st = { filter: "all", rule: "", q: "", sort: "" };

  function key(r) {
    if (r.key === null) r.key = (r.tr.firstElementChild.textContent + " " + r.appid).toLowerCase();
    return r.key;
  }

  function encode() {
    var p = [];
    if (st.filter !== "all") p.push("filter=" + st.filter);
    if (st.rule) p.push("rule=" + encodeURIComponent(st.rule));
    if (st.q) p.push("q=" + encodeURIComponent(st.q));
    if (st.sort) p.push("sort=" + encodeURIComponent(st.sort));
    return p.join("&");
  }

  function remember() {
    var h = encode();
    try {
      history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
    } catch (e) { /* file: URLs in some browsers */ }
  }

  function apply() {
    var shown = 0, needle = st.q.toLowerCase(), rule = " " + st.rule + " ";
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var on = (st.filter === "all" || (st.filter === "ready") === r.ready) &&
        (!st.rule || r.rules.indexOf(rule) >= 0) &&
        (!needle || key(r).indexOf(needle) >= 0);
      if (on !== r.on) {
        r.on = on;
        r.tr.classList.toggle("off", !on);
        if (r.det) r.det.classList.toggle("off", !on);
      }
      if (on) shown++;
    }
    var text = status.dataset.tpl.replace("{x}", shown).replace("{n}", rows.length);
    var f = [];
    if (st.filter !== "all") f.push(st.filter === "ready" ? status.dataset.ready : status.dataset.notReady);
    if (st.rule) f.push(st.rule);
    if (st.q) f.push("\u201c" + st.q + "\u201d");
    if (f.length) text += " \u00b7 " + status.dataset.filtered + f.join(" \u00b7 ");
    status.textContent = text;
    status.dataset.shown = shown;
    none.hidden = shown > 0;
    for (var k = 0; k < segs.length; k++) {
      segs[k].setAttribute("aria-pressed", String(segs[k].dataset.filter === st.filter));
    }
    if (select.value !== st.rule) select.value = st.rule;
    if (search.value !== st.q) search.value = st.q;
  }

  function sort() {
    var desc = st.sort.charAt(0) === "-", by = desc ? st.sort.slice(1) : st.sort;
    var sorted = order.slice();
    if (by) {
      sorted.sort(function (a, b) {
        var c;
        if (by === "name") c = collator.compare(a.name, b.name);
        else if (by === "appid") c = collator.compare(a.appid, b.appid);
        else if (by === "ready") c = (a.ready ? 1 : 0) - (b.ready ? 1 : 0);
        else c = (a[by] || 0) - (b[by] || 0);
        return (desc ? -c : c) || a.i - b.i;
      });
    }
    var frag = d.createDocumentFragment();
    for (var i = 0; i < sorted.length; i++) frag.appendChild(sorted[i].tr);
    body.appendChild(frag);
    for (var k = 0; k < heads.length; k++) {
      var s = heads[k].dataset.sort;
      heads[k].setAttribute("aria-sort", s !== by ? "none" : desc ? "descending" : "ascending");
    }
  }

  function openTarget(id) {
    var el = d.getElementById(id);
    if (!el) return;
    var det = el.tagName === "DETAILS" ? el : el.closest("details");
    if (det) det.open = true;
    el.scrollIntoView();
  }

  function fromHash(ev) {
    var h = location.hash.slice(1);
    if (!h) return;
    if (h.indexOf("=") < 0) {
      try { openTarget(decodeURIComponent(h)); } catch (e) { /* a malformed fragment */ }
      return;
    }
    var parts = h.split("&");
    for (var i = 0; i < parts.length; i++) {
      var at = parts[i].indexOf("=");
      if (at < 0) continue;
      var k = parts[i].slice(0, at), v;
      try { v = decodeURIComponent(parts[i].slice(at + 1).replace(/\+/g, " ")); } catch (e) { continue; }
      if (k === "filter") st.filter = v === "ready" || v === "not-ready" ? v : "all";
      else if (k === "rule") st.rule = v;
      else if (k === "q") st.q = v;
      else if (k === "sort") st.sort = v;
    }
    // A rule that no store has would hide every store: ignore it.
    var known = false;
    for (var j = 0; j < select.options.length; j++) known = known || select.options[j].value === st.rule;
    if (!known) st.rule = "";
    sort();
    apply();
    remember();
    // A bar of the chart or a tile was clicked: show the table it filtered.
    if (ev) table.parentNode.scrollIntoView();
  }

  for (var k = 0; k < segs.length; k++) {
    segs[k].addEventListener("click", function () {
      st.filter = this.dataset.filter;
      apply();
      remember();
    });
  }
  select.addEventListener("change", function () { st.rule = select.value; apply(); remember(); });
  search.addEventListener("input", function () { st.q = search.value; apply(); remember(); });
  for (var h = 0; h < heads.length; h++) {
    heads[h].addEventListener("click", function () {
      var by = this.dataset.sort;
      var numeric = by === "e" || by === "w" || by === "n";
      if (st.sort === by) st.sort = "-" + by;
      else if (st.sort === "-" + by) st.sort = by;
      else st.sort = numeric ? "-" + by : by;
      sort();
      remember();
    });
  }
  // A store link opens its details even when the fragment does not change.
  body.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href^='#']");
    if (a) openTarget(a.getAttribute("href").slice(1));
  });
  window.addEventListener("hashchange", fromHash);

  // Print every store that is shown, expanded; restore afterwards.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var all = d.querySelectorAll("details");
    for (var i = 0; i < all.length; i++) {
      if (!all[i].open) { all[i].open = true; opened.push(all[i]); }
    }
  });
  window.addEventListener("afterprint", function () {
    while (opened.length) opened.pop().open = false;
  });

  fromHash(null);
  d.documentElement.dataset.ready = "1";
})();
