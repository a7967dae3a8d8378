// Review form: the evidence beside it. On a desktop the panels are tabs in a
// column beside the form; on a phone the evidence is a disclosure, closed at
// first so the form comes first. Without this script every panel shows, one
// after the other. No inline scripts (CSP).
(function () {
  "use strict";
  var box = document.getElementById("evidence");
  if (!box) return;
  var phone = window.matchMedia("(max-width: 900px)");
  if (phone.matches) box.open = false;
  var tablist = box.querySelector(".evidence-tabs");
  if (!tablist) return;
  var tabs = Array.prototype.slice.call(tablist.querySelectorAll('[role="tab"]'));
  function show(tab) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
  }
  tabs.forEach(function (t, i) {
    t.addEventListener("click", function () { show(t); });
    t.addEventListener("keydown", function (e) {
      var next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
      if (next === null) return;
      var to = tabs[(next + tabs.length) % tabs.length];
      show(to);
      to.focus();
    });
  });
  tablist.hidden = false;
  show(tabs[0]);
})();
