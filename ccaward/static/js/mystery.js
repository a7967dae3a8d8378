// Mystery contact (电话暗访) on a phone: the timer to a person, the unanswered
// attempts and the answer points' checklist. The scorecard's answers autosave
// through autosave.js (kept in localStorage while offline, conflicts shown with
// both values). Attempts and the call's time are kept in localStorage first and
// sent when the connection allows; an attempt carries the device's time, so one
// sent twice is kept once. No inline scripts (CSP): #mystery-contact's data-*
// attributes carry the URLs and the texts.
(function () {
  "use strict";
  var root = document.getElementById("mystery-contact");
  if (!root) return;
  var d = root.dataset;
  var form = document.getElementById("card-form");
  var queueKey = "ccaward-mystery-queue:" + d.contact;
  var timerKey = "ccaward-mystery-timer:" + d.contact;
  var pointsKey = "ccaward-mystery-points:" + d.contact;
  var busy = false, retry = null;

  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or off */ }
  }
  function field(name) {
    return form ? form.querySelector('[name="' + CSS.escape(name) + '"]') : null;
  }
  // set a scorecard field as if typed, so autosave.js sends it
  function fill(el, value) {
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // ---- the queue of attempts and call times, sent in order
  var queueEl = document.createElement("p");
  queueEl.id = "mystery-queue";
  queueEl.className = "save-status";
  queueEl.setAttribute("role", "status");
  queueEl.setAttribute("aria-live", "polite");
  var who = document.querySelector(".contact-who");
  if (who) who.appendChild(queueEl);
  function queue() { return load(queueKey, []); }
  function showQueue() {
    var n = queue().length;
    queueEl.dataset.pending = String(n);
    queueEl.dataset.state = n ? "error" : "saved";
    queueEl.textContent = n ? d.textQueued.replace("{n}", n) : "";
  }
  function mark(at, state, text) {
    var li = document.querySelector('#attempt-list li[data-at="' + CSS.escape(at) + '"]');
    if (!li) return;
    li.dataset.state = state;
    var s = li.querySelector(".attempt-state");
    if (s) s.textContent = text;
  }
  function later(ms) {
    clearTimeout(retry);
    retry = setTimeout(flush, ms);
  }
  function flush() {
    if (busy) return;
    var items = queue();
    if (!items.length) { showQueue(); return; }
    var job = items[0];
    var body = new FormData();
    body.append("csrfmiddlewaretoken", d.csrf);
    Object.keys(job.data).forEach(function (k) { body.append(k, job.data[k]); });
    busy = true;
    fetch(job.url, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json", "X-CSRFToken": d.csrf } })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return { r: r, j: j }; });
      })
      .then(function (x) {
        busy = false;
        if (x.r.status >= 500) throw new Error("HTTP " + x.r.status);
        var rest = queue().filter(function (q) { return q.id !== job.id; });
        store(queueKey, rest);
        if (job.kind === "attempt") {
          if (x.r.ok) {
            mark(job.data.at, "sent", d.textSent);
            var unreachable = document.getElementById("unreachable-form");
            if (unreachable) unreachable.hidden = false;
          } else {
            mark(job.data.at, "refused", d.textRefused + ": " + (x.j.error || x.r.status));
          }
        } else if (!x.r.ok) {
          document.getElementById("timer-state").textContent = d.textRefused + ": " + (x.j.error || x.r.status);
        }
        showQueue();
        if (rest.length) later(50);
      })
      .catch(function () {
        // no connection or a server error: kept, sent again later or when back online
        busy = false;
        showQueue();
        later(10000);
      });
  }
  function enqueue(kind, url, data) {
    var items = queue();
    items.push({ id: kind + ":" + Date.now() + ":" + Math.random(), kind: kind, url: url, data: data });
    store(queueKey, items);
    showQueue();
    flush();
  }
  window.addEventListener("online", function () { later(0); });

  // ---- attempts nobody answered
  function addAttempt(at, state) {
    var list = document.getElementById("attempt-list");
    if (!list) return;
    var li = document.createElement("li");
    li.dataset.at = at;
    li.dataset.state = state;
    var t = document.createElement("time");
    t.dateTime = at;
    t.textContent = new Date(at).toLocaleString();
    var s = document.createElement("small");
    s.className = "attempt-state muted";
    s.textContent = state === "pending" ? " " + d.textWaiting : "";
    li.appendChild(t);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(s);
    list.appendChild(li);
  }
  var attemptForm = document.getElementById("attempt-form");
  if (attemptForm) {
    var lastTap = 0;
    attemptForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      // a double tap is one attempt (the server keeps attempts 30 s apart as one too)
      if (Date.now() - lastTap < 30000) return;
      lastTap = Date.now();
      var at = new Date().toISOString();
      addAttempt(at, "pending");
      enqueue("attempt", d.attemptUrl, { at: at });
    });
  }
  queue().forEach(function (q) { if (q.kind === "attempt") addAttempt(q.data.at, "pending"); });

  // ---- the timer: "start call" -> "a person answered" -> seconds to a person
  var startBtn = document.getElementById("timer-start");
  var answeredBtn = document.getElementById("timer-answered");
  var out = document.getElementById("timer-out");
  var stateEl = document.getElementById("timer-state");
  var tick = null;
  function running() { return load(timerKey, null); }
  function showRunning() {
    var t = running();
    if (!t) return;
    out.value = String(Math.max(0, Math.round((Date.now() - t.start) / 1000)));
  }
  function begin(t) {
    startBtn.disabled = true;
    answeredBtn.disabled = false;
    stateEl.textContent = d.textStarted;
    showRunning();
    clearInterval(tick);
    tick = setInterval(showRunning, 1000);
  }
  if (startBtn && answeredBtn) {
    startBtn.addEventListener("click", function () {
      var t = { start: Date.now(), madeAt: new Date().toISOString() };
      store(timerKey, t);
      begin(t);
    });
    answeredBtn.addEventListener("click", function () {
      var t = running();
      if (!t) return;
      clearInterval(tick);
      var seconds = Math.max(0, Math.round((Date.now() - t.start) / 1000));
      out.value = String(seconds);
      try { localStorage.removeItem(timerKey); } catch (e) { /* ignore */ }
      startBtn.disabled = false;
      answeredBtn.disabled = true;
      stateEl.textContent = d.textAnswered.replace("{n}", seconds);
      var input = d.timerField ? field(d.timerField) : null;
      if (input && input.value === "" && !(input.max && seconds > Number(input.max))) fill(input, String(seconds));
      enqueue("call", d.callUrl, { made_at: t.madeAt, timer_seconds: String(seconds) });
    });
    if (running()) begin(running());  // a call still being timed when the page was reloaded
  }

  // ---- the answer points' checklist fills the accuracy item (k of n)
  var points = document.getElementById("answer-points");
  var share = d.shareField ? field(d.shareField) : null;
  if (points) {
    var boxes = Array.prototype.slice.call(points.querySelectorAll("input[data-point]"));
    var kept = load(pointsKey, []);
    boxes.forEach(function (b) { b.checked = kept.indexOf(b.dataset.point) >= 0; });
    points.addEventListener("change", function () {
      var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.dataset.point; });
      store(pointsKey, ticked);
      if (share && !share.disabled) fill(share, ticked.length + "/" + points.dataset.n);
    });
  }

  showQueue();
  flush();
})();
