// Site visit (入户评审): the checklist recorded on a tablet, also offline.
// Every edit is kept in localStorage first, as a record with an id made on this
// device (crypto.randomUUID) and the device's sequence number, then sent to the
// API when the connection allows. The server keeps one record per id and the
// highest sequence, so a resend never duplicates and a late resend never undoes
// a later edit. Photos wait in IndexedDB until they are uploaded.
// No inline scripts (CSP): the bar's data-* attributes carry the URLs and texts.
(function () {
  "use strict";
  var bar = document.getElementById("visit-sync");
  if (!bar) return;
  var d = bar.dataset;
  var storeKey = "ccaward-visit:" + d.visit;
  var deviceKey = "ccaward-visit-device";
  var connEl = document.getElementById("sync-conn");
  var pendingEl = document.getElementById("sync-pending");
  var online = navigator.onLine !== false;
  var inflight = false, timer = null, stopped = "", photoPending = 0, photoBusy = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }
  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full: the edit stays in memory */ }
  }
  var device = load(deviceKey, null);
  if (!device || !device.id) { device = { id: uuid(), seq: 0 }; store(deviceKey, device); }
  // item key -> {id, seq, acked, edited_at, finding, score, notes, refused}
  var state = load(storeKey, { items: {} });
  if (!state.items) state.items = {};
  function persist() { store(storeKey, state); }

  function items() { return document.querySelectorAll(".visit-item[data-item]"); }
  function itemEl(key) { return document.querySelector('.visit-item[data-item="' + CSS.escape(key) + '"]'); }
  function isPending(r) { return r.seq > (r.acked || 0) && !r.refused; }
  function pendingKeys() {
    return Object.keys(state.items).filter(function (k) { return isPending(state.items[k]); });
  }

  function read(el) {
    var f = el.querySelector('input[data-field="finding"]:checked');
    var s = el.querySelector('[data-field="score"]').value;
    return { finding: f ? f.value : "", score: s === "" ? null : Number(s), notes: el.querySelector('[data-field="notes"]').value };
  }
  function show(el, rec) {
    el.querySelectorAll('input[data-field="finding"]').forEach(function (r) { r.checked = r.value === rec.finding; });
    var score = el.querySelector('[data-field="score"]');
    score.value = rec.score === null || rec.score === undefined ? "" : String(rec.score);
    el.querySelector('[data-field="notes"]').value = rec.notes || "";
  }
  function mark(el, rec) {
    var out = el.querySelector(".item-state");
    if (!out) return;
    if (!rec) { out.textContent = ""; out.dataset.state = ""; return; }
    if (rec.refused) { out.textContent = d.textRefused + ": " + rec.refused; out.dataset.state = "refused"; }
    else if (isPending(rec)) { out.textContent = d.textWaiting; out.dataset.state = "pending"; }
    else { out.textContent = d.textSaved; out.dataset.state = "saved"; }
  }
  function refresh() {
    var n = pendingKeys().length + photoPending;
    bar.dataset.state = online ? "online" : "offline";
    bar.dataset.pending = String(n);
    connEl.textContent = online ? d.textOnline : d.textOffline;
    if (stopped) pendingEl.textContent = stopped;
    else if (n) pendingEl.textContent = (inflight ? d.textSending + " " : "") + d.textPending.replace("{n}", n);
    else pendingEl.textContent = d.textSynced;
  }
  function later(ms) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, ms);
  }

  function edit(el) {
    var key = el.dataset.item;
    device = load(deviceKey, device);
    device.seq += 1;
    store(deviceKey, device);
    var rec = state.items[key] || { id: uuid(), acked: 0 };
    var v = read(el);
    rec.finding = v.finding; rec.score = v.score; rec.notes = v.notes;
    rec.seq = device.seq; rec.edited_at = new Date().toISOString(); rec.refused = "";
    state.items[key] = rec;
    persist();
    stopped = "";
    mark(el, rec);
    refresh();
    later(online ? 400 : 5000);
  }

  function answer(resp) {
    return resp.json().then(function (body) { return { status: resp.status, body: body }; },
      function () { return { status: resp.status, body: null }; });
  }
  function send(keys) {
    var sent = {};
    var records = keys.slice(0, 100).map(function (k) {
      var r = state.items[k];
      sent[r.id] = r.seq;
      return { id: r.id, item: k, device: device.id, seq: r.seq, edited_at: r.edited_at,
        finding: r.finding, score: r.score, notes: r.notes };
    });
    inflight = true;
    refresh();
    return fetch(d.syncUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": d.csrf },
      body: JSON.stringify({ records: records })
    }).then(answer).then(function (res) {
      inflight = false;
      online = true;
      if (res.status !== 200 || !res.body) {
        var err = res.body && res.body.error;
        if (res.status >= 500 || !err) { later(10000); refresh(); return; }
        stopped = err.message;  // the stage is closed, the visit cancelled …: wait for the next edit
        refresh();
        return;
      }
      res.body.results.forEach(function (r) {
        var rec = state.items[r.item];
        if (!rec || rec.id !== r.id) return;
        if (r.result === "refused") { if (rec.seq === sent[r.id]) rec.refused = r.message; }
        else rec.acked = Math.max(rec.acked || 0, sent[r.id]);
        var el = itemEl(r.item);
        if (el) mark(el, rec);
      });
      persist();
      refresh();
      later(pendingKeys().length ? 50 : 0);
    }, function () {
      inflight = false;
      online = false;
      refresh();
      later(5000);
    });
  }

  function flush() {
    timer = null;
    if (inflight) { later(500); return; }
    var keys = pendingKeys();
    if (keys.length) { send(keys); return; }
    flushPhotos();
  }

  // ---- photos: queued in IndexedDB, uploaded one by one
  var db = null, noDb = !window.indexedDB;
  function withDb(cb) {
    if (db || noDb) { cb(db); return; }
    var req = indexedDB.open("ccaward-visits", 1);
    req.onupgradeneeded = function () { req.result.createObjectStore("photos", { keyPath: "id" }); };
    req.onsuccess = function () { db = req.result; cb(db); };
    req.onerror = function () { noDb = true; cb(null); };
  }
  function queued(cb) {
    withDb(function (db) {
      if (!db) { cb([]); return; }
      var out = [];
      var cursor = db.transaction("photos").objectStore("photos").openCursor();
      cursor.onsuccess = function () {
        var c = cursor.result;
        if (!c) { cb(out); return; }
        if (c.value.visit === d.visit) out.push(c.value);
        c.continue();
      };
      cursor.onerror = function () { cb(out); };
    });
  }
  function drop(id, cb) {
    withDb(function (db) {
      if (!db) { cb(); return; }
      var tx = db.transaction("photos", "readwrite");
      tx.objectStore("photos").delete(id);
      tx.oncomplete = cb;
      tx.onerror = cb;
    });
  }
  function countPhotos() {
    queued(function (list) { photoPending = list.length; refresh(); });
  }
  function uploadPhoto(p, done) {
    var form = new FormData();
    form.append("id", p.id);
    form.append("item", p.item);
    form.append("file", p.blob, p.name);
    fetch(d.photoUrl, { method: "POST", credentials: "same-origin", headers: { "Accept": "application/json", "X-CSRFToken": d.csrf }, body: form })
      .then(answer).then(function (res) {
        online = true;
        var el = itemEl(p.item), out = el && el.querySelector(".item-state");
        if (res.status === 200 || res.status === 201) { done(true); return; }
        if (res.status === 422 && out) {  // not an image, too large: it never will be
          out.textContent = d.textRefused + ": " + res.body.error.message;
          out.dataset.state = "refused";
          done(true);
          return;
        }
        done(false);
      }, function () { online = false; done(false); });
  }
  function flushPhotos() {
    if (photoBusy) return;
    queued(function (list) {
      photoPending = list.length;
      refresh();
      if (!list.length) return;
      photoBusy = true;
      uploadPhoto(list[0], function (finished) {
        photoBusy = false;
        if (finished) drop(list[0].id, function () { countPhotos(); later(50); });
        else { refresh(); later(10000); }
      });
    });
  }
  function addPhotos(el, input) {
    var files = Array.prototype.slice.call(input.files || []);
    input.value = "";
    withDb(function (db) {
      files.forEach(function (file) {
        var p = { id: uuid(), visit: d.visit, item: el.dataset.item, name: file.name, blob: file };
        if (!db) {
          if (!online) { var out = el.querySelector(".item-state"); out.textContent = d.textNoStore; out.dataset.state = "refused"; return; }
          uploadPhoto(p, function () {});
          return;
        }
        var tx = db.transaction("photos", "readwrite");
        tx.objectStore("photos").put(p);
        tx.oncomplete = function () { countPhotos(); later(100); };
      });
    });
  }

  // ---- start: what this device kept wins over what the page was rendered with
  items().forEach(function (el) {
    var rec = state.items[el.dataset.item];
    if (rec) show(el, rec);
    mark(el, rec);
    el.addEventListener("change", function (ev) {
      if (ev.target.dataset.field === "photo") addPhotos(el, ev.target);
      else if (ev.target.dataset.field && ev.target.dataset.field !== "notes") edit(el);
    });
    el.addEventListener("input", function (ev) {
      if (ev.target.dataset.field === "notes") edit(el);
    });
  });
  window.addEventListener("online", function () { online = true; stopped = ""; refresh(); later(0); });
  window.addEventListener("offline", function () { online = false; refresh(); });
  setInterval(function () { if (!inflight && (pendingKeys().length || photoPending)) flush(); }, 15000);
  countPhotos();
  refresh();
  later(0);
})();
