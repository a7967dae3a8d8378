/* The deliberation board: each entry's radar (ECharts, option in data-radar) drawn
   when its section is first opened, since a closed section has no size to draw in;
   a link to an entry in the ranking opens its section. No inline scripts. */
(function () {
  function draw(root) {
    root.querySelectorAll("[data-radar]").forEach(function (el) {
      if (el.dataset.drawn || !el.dataset.radar || el.closest("details:not([open])")) return;
      var option = JSON.parse(el.dataset.radar);
      if (el.offsetWidth < 480 && option.radar) {  /* a phone: room for the names */
        option.radar.radius = "50%";
        option.radar.axisName.fontSize = 10;
      }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  function open(id) {
    var section = id && document.getElementById(id);
    if (section && section.tagName === "DETAILS" && !section.open) section.open = true;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details.delib-entry").forEach(function (d) {
      d.addEventListener("toggle", function () { if (d.open) draw(d); });
    });
    document.querySelectorAll("[data-open]").forEach(function (a) {
      a.addEventListener("click", function () { open(a.dataset.open); });
    });
    open(window.location.hash.slice(1));
    draw(document);
  });
  window.addEventListener("hashchange", function () { open(window.location.hash.slice(1)); });
  document.addEventListener("htmx:afterSwap", function (e) { draw(e.target); });
})();
