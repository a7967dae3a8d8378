import { nodeResolve } from "@rollup/plugin-node-resolve";
import replace from "@rollup/plugin-replace";
import terser from "@rollup/plugin-terser";

export default {
  input: "entry.js",
  output: {
    file: process.env.OUT || "echarts.kpi.min.js",
    format: "iife",
    name: "echarts",
    exports: "named",
    banner:
      "/* ECharts 5.6.0 (Apache-2.0, https://echarts.apache.org), custom build for ccaward:" +
      " line, bar, boxplot, scatter, radar; grid, tooltip, legend, markLine, radar; canvas. Built by scripts/echarts/build.sh. */",
  },
  plugins: [
    // ECharts checks process.env.NODE_ENV; the browser has no `process`, and the
    // production value drops the development warnings.
    replace({ preventAssignment: true, values: { "process.env.NODE_ENV": JSON.stringify("production") } }),
    nodeResolve(),
    terser({ format: { comments: /^!|Apache|ECharts/ } }),
  ],
};
