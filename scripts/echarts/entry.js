// The ECharts build the KPI pages load: only the chart types and components that
// ccaward/kpis/charts.py puts in its options (line, bar, boxplot, scatter; grid,
// tooltip, legend, markLine) and the canvas renderer. It exposes the same global
// `echarts` (init, ...) that static/js/charts.js calls.
import * as echarts from "echarts/core";
import { LineChart, BarChart, BoxplotChart, ScatterChart } from "echarts/charts";
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  LineChart,
  BarChart,
  BoxplotChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export default echarts;
export * from "echarts/core";
