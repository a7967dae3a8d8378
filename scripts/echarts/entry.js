// The ECharts build the KPI pages and the deliberation board load: only the chart
// types and components that ccaward/kpis/charts.py puts in its options (line, bar,
// boxplot, scatter; grid, tooltip, legend, markLine), the board's radar
// (static/js/board.js) and the canvas renderer. It exposes the same global
// `echarts` (init, ...) that static/js/charts.js calls.
import * as echarts from "echarts/core";
import { LineChart, BarChart, BoxplotChart, ScatterChart, RadarChart } from "echarts/charts";
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  LineChart,
  BarChart,
  BoxplotChart,
  ScatterChart,
  RadarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  CanvasRenderer,
]);

export default echarts;
export * from "echarts/core";
