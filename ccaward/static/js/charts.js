/* Draw every element with data-chart="<ECharts option as JSON>". No inline scripts. */
(function () {
  function draw(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn || !el.dataset.chart) return;
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(JSON.parse(el.dataset.chart));
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (e) { draw(e.target); });
})();
