// Application form: save drafts as the applicant types, keep them in the
// browser while the network is down, and show or hide the questions that
// depend on an answer. No inline scripts (CSP); the page's data-* attributes
// carry the URL and the messages.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("save-status");

  // ---- conditional questions (also on read-only pages)
  function picked(name) {
    var out = [];
    document.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (el) {
      if ((el.type === "checkbox" || el.type === "radio") ? el.checked : el.value) out.push(el.value);
    });
    return out;
  }
  function refreshVisibility() {
    document.querySelectorAll("[data-visible-field]").forEach(function (el) {
      var values = el.dataset.visibleValues.split(" ");
      el.hidden = !picked(el.dataset.visibleField).some(function (v) { return values.indexOf(v) >= 0; });
    });
    document.querySelectorAll("[data-show-when]").forEach(function (el) {
      var values = el.dataset.showValues.split(" ");
      el.hidden = !picked(el.dataset.showWhen).some(function (v) { return values.indexOf(v) >= 0; });
    });
  }
  document.addEventListener("change", refreshVisibility);
  refreshVisibility();

  if (!form) return;
  var url = form.dataset.autosave;
  var storeKey = "ccaward-draft:" + url + ":" + form.querySelector('[name="_section"]').value;
  var timer = null, dirty = false, inflight = false;

  function say(text, state) {
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  }
  function data() {
    var fd = new FormData(form);
    return fd;
  }
  function snapshot() {
    var values = {};
    new FormData(form).forEach(function (v, k) {
      if (k === "csrfmiddlewaretoken") return;
      (values[k] = values[k] || []).push(v);
    });
    return values;
  }
  function keep() {
    try { localStorage.setItem(storeKey, JSON.stringify({ at: Date.now(), values: snapshot() })); } catch (e) { /* storage full or off */ }
  }
  function save() {
    if (inflight) { schedule(500); return; }
    inflight = true;
    dirty = false;
    say(form.dataset.msgSaving, "saving");
    fetch(url, { method: "POST", body: data(), credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (j) {
        form.dataset.savedMs = j.saved_ms;
        if (!dirty) { try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ } }
        say(j.message, dirty ? "unsaved" : "saved");
      })
      .catch(function () {
        dirty = true;
        keep();
        say(form.dataset.msgOffline, "error");
        schedule(5000);
      })
      .finally(function () { inflight = false; });
  }
  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(save, ms);
  }
  function changed() {
    dirty = true;
    keep();
    say(form.dataset.msgUnsaved, "unsaved");
    schedule(800);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { if (dirty) save(); });
  // closing the page: send what is left (the CSRF token travels in the form data)
  window.addEventListener("pagehide", function () {
    if (dirty && navigator.sendBeacon) { navigator.sendBeacon(url, data()); }
  });
  // buttons that leave the page submit the form normally; nothing to flush then
  form.addEventListener("submit", function () { clearTimeout(timer); dirty = false; });

  // answers typed offline and never saved: put them back and save them
  try {
    var kept = JSON.parse(localStorage.getItem(storeKey) || "null");
    if (kept && kept.at > Number(form.dataset.savedMs || 0)) {
      Object.keys(kept.values).forEach(function (name) {
        var els = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
        var vals = kept.values[name];
        els.forEach(function (el) {
          if (el.type === "checkbox" || el.type === "radio") el.checked = vals.indexOf(el.value) >= 0;
          else if (el.type !== "file") el.value = vals[0];
        });
      });
      // boxes unticked offline: a name absent from the snapshot
      form.querySelectorAll('input[type="checkbox"], input[type="radio"]').forEach(function (el) {
        if (!(el.name in kept.values)) el.checked = false;
      });
      refreshVisibility();
      say(form.dataset.msgRestored, "unsaved");
      dirty = true;
      schedule(100);
    } else if (kept) {
      localStorage.removeItem(storeKey);
    }
  } catch (e) { /* ignore a broken copy */ }
})();
