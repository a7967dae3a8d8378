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
  var section = form.querySelector('[name="_section"]').value;
  var storeKey = "ccaward-draft:" + url + ":" + section;
  var timer = null, dirty = false, inflight = false, stopped = false, retryMs = 5000;
  var panel = document.getElementById("save-conflicts");
  var multi = {};
  (form.dataset.multi || "").split(" ").forEach(function (k) { if (k) multi[k] = true; });
  // the answers' version this page was based on, and each field's value then (its base)
  var version = Number(form.querySelector('[name="_version"]').value || 0);
  var base = {};
  try { base = JSON.parse(form.querySelector('[name="_base"]').value || "{}"); } catch (e) { base = {}; }
  var pending = {};  // fields in conflict, waiting for the person's choice

  function say(text, state) {
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  }
  function norm(name, v) {
    if (v === undefined || v === null) return null;
    if (multi[name]) {
      var list = Array.isArray(v) ? v.filter(function (x) { return x !== ""; }) : (v === "" ? [] : [v]);
      return list.length ? list.map(String) : null;
    }
    if (Array.isArray(v)) v = v.length ? v[0] : "";
    return v === "" ? null : String(v);
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function names() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.charAt(0) === "_" || el.name === "csrfmiddlewaretoken") return;
      if (el.type === "file" || el.type === "submit" || el.type === "button") return;
      out[el.name] = true;
    });
    return Object.keys(out);
  }
  function current() {
    var raw = {};
    new FormData(form).forEach(function (v, k) { (raw[k] = raw[k] || []).push(v); });
    var values = {};
    names().forEach(function (k) { values[k] = norm(k, raw[k]); });
    return values;
  }
  function changes(values) {
    var out = {};
    Object.keys(values).forEach(function (k) {
      if (!pending[k] && !same(values[k], norm(k, base[k]))) out[k] = values[k];
    });
    return out;
  }
  function payload(changed) {
    var fd = new FormData();
    fd.append("csrfmiddlewaretoken", form.querySelector('[name="csrfmiddlewaretoken"]').value);
    fd.append("_section", section);
    fd.append("_version", String(version));
    var keys = Object.keys(changed), bases = {};
    keys.forEach(function (k) {
      bases[k] = base[k] === undefined ? null : base[k];
      var v = changed[k];
      if (Array.isArray(v)) v.forEach(function (x) { fd.append(k, x); });
      else if (v !== null) fd.append(k, v);
    });
    fd.append("_keys", JSON.stringify(keys));
    fd.append("_base", JSON.stringify(bases));
    return fd;
  }
  function keep() {
    try {
      localStorage.setItem(storeKey, JSON.stringify({ at: Date.now(), values: current(), base: base, version: version }));
    } catch (e) { /* storage full or off */ }
  }
  function shown(v) {
    if (v === null || v === undefined || (Array.isArray(v) && !v.length)) return form.dataset.msgEmpty;
    return Array.isArray(v) ? v.join("、") : String(v);
  }
  function put(name, v) {
    form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (el) {
      var vals = v === null ? [] : (Array.isArray(v) ? v : [v]);
      if (el.type === "checkbox" || el.type === "radio") el.checked = vals.indexOf(el.value) >= 0;
      else if (el.type !== "file") el.value = vals.length ? vals[0] : "";
    });
  }
  function resolve(c, mine) {
    // either way the stored value becomes the field's base: "keep mine" then saves over it
    base[c.field] = c.stored;
    if (!mine) put(c.field, c.stored);
    delete pending[c.field];
    var block = panel.querySelector('[data-field="' + CSS.escape(c.field) + '"]');
    if (block) block.remove();
    if (!Object.keys(pending).length) panel.hidden = true;
    refreshVisibility();
    changed();
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function showConflicts(j) {
    if (!panel) return;
    panel.textContent = "";
    panel.appendChild(el("p", "conflicts-head", j.error || form.dataset.msgConflict));
    j.conflicts.forEach(function (c) {
      pending[c.field] = true;
      var block = el("div", "conflict");
      block.dataset.field = c.field;
      var label = el("a", "conflict-label", c.label);
      label.href = "#" + c.id;
      block.appendChild(label);
      var dl = el("dl");
      dl.appendChild(el("dt", "", form.dataset.msgMine));
      dl.appendChild(el("dd", "conflict-mine", shown(c.sent)));
      dl.appendChild(el("dt", "", form.dataset.msgTheirs));
      dl.appendChild(el("dd", "conflict-theirs", shown(c.stored)));
      block.appendChild(dl);
      var actions = el("div", "actions");
      var keepMine = el("button", "secondary keep-mine", form.dataset.msgKeepMine);
      var takeTheirs = el("button", "take-theirs", form.dataset.msgTakeTheirs);
      keepMine.type = takeTheirs.type = "button";
      keepMine.addEventListener("click", function () { resolve(c, true); });
      takeTheirs.addEventListener("click", function () { resolve(c, false); });
      actions.appendChild(keepMine);
      actions.appendChild(takeTheirs);
      block.appendChild(actions);
      panel.appendChild(block);
    });
    panel.hidden = false;
    // bring it where the person looks (on a phone it sits below the section list)
    var top = panel.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) panel.scrollIntoView({ block: "start" });
    say(j.error || form.dataset.msgConflict, "error");
  }
  function save() {
    if (stopped) return;
    if (inflight) { schedule(500); return; }
    var changed = changes(current());
    if (!Object.keys(changed).length) {
      dirty = false;
      if (!Object.keys(pending).length) { try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ } }
      return;
    }
    inflight = true;
    dirty = false;
    say(form.dataset.msgSaving, "saving");
    fetch(url, { method: "POST", body: payload(changed), credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return { r: r, j: j }; });
      })
      .then(function (x) {
        var r = x.r, j = x.j;
        if (r.ok) {
          Object.keys(changed).forEach(function (k) { base[k] = changed[k]; });
          version = j.version;
          form.dataset.savedMs = j.saved_ms;
          if (!dirty && !Object.keys(pending).length) { try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ } }
          else keep();
          say(j.message, dirty ? "unsaved" : "saved");
          return;
        }
        if (r.status === 409 && j.code === "conflict") {
          version = j.version;
          keep();
          showConflicts(j);
          return;
        }
        if (r.status >= 400 && r.status < 500) {
          // refused (read-only, too long, a control character, too large): say why, keep
          // the copy, and send it again only after the next edit, never on a timer
          keep();
          if (j.code === "read_only") stopped = true;
          say(j.error || form.dataset.msgRefused, "error");
          return;
        }
        var failed = new Error("HTTP " + r.status);
        failed.server = true;
        throw failed;
      })
      .then(function () { retryMs = 5000; })
      .catch(function (e) {
        // no connection, or the server answered with an error: try again, waiting longer
        // each time (to a minute); say which, so a refused save never reads as "offline"
        dirty = true;
        keep();
        say(e && e.server ? (form.dataset.msgServer || form.dataset.msgOffline) : form.dataset.msgOffline, "error");
        schedule(retryMs);
        retryMs = Math.min(retryMs * 2, 60000);
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
    // while a conflict waits for the person's choice its message stays: replacing it would
    // move the panel's buttons under the pointer (the answer's change fires as focus leaves it)
    if (!Object.keys(pending).length) say(form.dataset.msgUnsaved, "unsaved");
    schedule(800);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { if (dirty) save(); });
  // closing the page: send what is left (the CSRF token travels in the form data)
  window.addEventListener("pagehide", function () {
    if (!dirty || !navigator.sendBeacon) return;
    var left = changes(current());
    if (Object.keys(left).length) navigator.sendBeacon(url, payload(left));
  });
  // buttons that leave the page submit the form normally (with _version and _base)
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    dirty = false;
    form.querySelector('[name="_version"]').value = String(version);
    form.querySelector('[name="_base"]').value = JSON.stringify(base);
  });

  // answers typed offline and never saved: put back the fields that had changed, with
  // the version and the values they were based on, and save them (a field saved
  // elsewhere meanwhile is then shown as a conflict, not overwritten)
  try {
    var kept = JSON.parse(localStorage.getItem(storeKey) || "null");
    var restored = false;
    if (kept && kept.base) {
      Object.keys(kept.values).forEach(function (k) {
        var v = norm(k, kept.values[k]);
        if (same(v, norm(k, kept.base[k]))) return;
        put(k, v);
        base[k] = kept.base[k] === undefined ? null : kept.base[k];
        restored = true;
      });
      if (restored) version = Math.min(version, Number(kept.version || 0));
    } else if (kept && kept.at > Number(form.dataset.savedMs || 0)) {
      // a copy kept before versions: restore it whole, as before
      Object.keys(kept.values).forEach(function (k) { put(k, kept.values[k]); });
      restored = true;
    }
    if (restored) {
      refreshVisibility();
      say(form.dataset.msgRestored, "unsaved");
      dirty = true;
      schedule(100);
    } else if (kept) {
      localStorage.removeItem(storeKey);
    }
  } catch (e) { /* ignore a broken copy */ }
})();
