/* claim_extract review page: filter and sort the claims table, link rows and text both ways.
   No network, no libraries. Filters and sort can be set in the address: ?speaker=China&stance=oppose&sort=said&dir=desc */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var tbody = document.querySelector("#table tbody");
  var rows = Array.prototype.slice.call(tbody.rows);
  var heads = Array.prototype.slice.call(document.querySelectorAll("#table th[data-key]"));
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  var docsPane = document.getElementById("docs");
  var KEYS = ["doc", "speaker", "country", "type", "stance"];
  var sortKey = null, sortDir = 1;

  function text(row) { return (row.textContent || "").toLowerCase(); }

  function apply() {
    var want = {};
    KEYS.forEach(function (k) { var el = form.elements[k]; if (el && el.value !== "") want[k] = el.value; });
    var q = (form.elements.q.value || "").trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = Object.keys(want).every(function (k) { return row.getAttribute("data-" + k) === want[k]; });
      if (ok && q) ok = text(row).indexOf(q) >= 0 || (row.getAttribute("data-sentence") || "").toLowerCase().indexOf(q) >= 0;
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + rows.length + " claims";
    empty.hidden = shown !== 0;
    remember();
  }

  function value(row, key) {
    var v = row.getAttribute("data-" + key);
    if (v === null) { var cell = row.querySelector("td." + key); v = cell ? cell.textContent : ""; }
    return v;
  }

  function sortBy(key, dir) {
    sortKey = key; sortDir = dir;
    var numeric = key === "doc";
    var sorted = rows.slice().sort(function (a, b) {
      var x = value(a, key), y = value(b, key), c;
      if (numeric) c = Number(x) - Number(y);
      else {
        if (x === "" && y !== "") return 1;   // empty cells last, whatever the direction
        if (y === "" && x !== "") return -1;
        c = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
      }
      if (c === 0) c = Number(a.getAttribute("data-n")) - Number(b.getAttribute("data-n"));
      return c * dir;
    });
    sorted.forEach(function (row) { tbody.appendChild(row); });
    heads.forEach(function (th) {
      if (th.getAttribute("data-key") === key) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    remember();
  }

  function remember() {
    if (!window.history || !history.replaceState) return;
    var params = new URLSearchParams();
    KEYS.concat(["q"]).forEach(function (k) { var el = form.elements[k]; if (el && el.value) params.set(k, el.value); });
    if (sortKey) { params.set("sort", sortKey); params.set("dir", sortDir > 0 ? "asc" : "desc"); }
    var qs = params.toString();
    try { history.replaceState(null, "", (qs ? "?" + qs : location.pathname) + location.hash); } catch (e) { /* file:// in some browsers */ }
  }

  function pick(id, scrollText, scrollRow) {
    document.querySelectorAll(".on").forEach(function (el) { el.classList.remove("on"); });
    var row = document.getElementById(id);
    if (row) { row.classList.add("on"); if (scrollRow) row.scrollIntoView({ block: "center" }); }
    var segs = document.querySelectorAll('.sg[data-r~="' + id + '"]');
    segs.forEach(function (el) { el.classList.add("on"); });
    if (scrollText) {
      var at = document.getElementById("at-" + id);
      var sec = at && at.closest("details");
      if (sec) sec.open = true;
      if (at) at.scrollIntoView({ block: "center" });
    }
  }

  heads.forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      sortBy(key, sortKey === key ? -sortDir : 1);
    });
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  function clearFilters() {
    KEYS.concat(["q"]).forEach(function (k) { var el = form.elements[k]; if (el) el.value = ""; });
    apply();
  }
  document.getElementById("reset").addEventListener("click", function (ev) {
    ev.preventDefault();
    clearFilters();
    sortBy("doc", 1);
    sortKey = null;
    heads.forEach(function (th) { th.removeAttribute("aria-sort"); });
    remember();
  });
  tbody.addEventListener("click", function (ev) {
    var row = ev.target.closest("tr");
    if (!row) return;
    var go = ev.target.closest("a.go");
    if (go) ev.preventDefault();
    pick(row.id, true, false);
  });
  docsPane.addEventListener("click", function (ev) {
    var seg = ev.target.closest(".sg");
    if (!seg) return;
    var ids = seg.getAttribute("data-r").split(" ");
    var current = document.querySelector("tr.on");
    var next = ids[(ids.indexOf(current ? current.id : "") + 1) % ids.length];  // cycle through overlapping claims
    var row = document.getElementById(next);
    if (row && row.hidden) clearFilters();
    pick(next, false, true);
  });

  // state from the address
  var params = new URLSearchParams(location.search);
  KEYS.concat(["q"]).forEach(function (k) {
    var el = form.elements[k], v = params.get(k);
    if (el && v !== null) el.value = v;
  });
  var key = params.get("sort");
  if (key && heads.some(function (th) { return th.getAttribute("data-key") === key; })) sortBy(key, params.get("dir") === "desc" ? -1 : 1);
  apply();
  var stick = function () {
    heads.forEach(function (th) { th.style.top = form.offsetHeight + "px"; });
    var head = heads.length ? heads[0].offsetHeight : 0;
    document.documentElement.style.setProperty("--sticky", (form.offsetHeight + head + 8) + "px");
  };
  stick();
  window.addEventListener("resize", stick);
  if (/^#r\d+$/.test(location.hash)) {  // a link to a claim: again after the browser's own jump
    pick(location.hash.slice(1), true, true);
    window.addEventListener("load", function () { pick(location.hash.slice(1), true, true); });
  }
  document.body.setAttribute("data-ready", "1");
})();
