import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Cell } from '../logic/csv';
import { h } from './dom';
import { dataTable } from './table';

/**
 * A time-series chart (uPlot, https://github.com/leeoniya/uPlot: canvas, and sizes through the
 * CSSOM only, so the strict CSP holds) in a <figure> with its caption, and the same numbers as a
 * table in a <details> for screen readers and for copying.
 */

export interface ChartSeries {
  label: string;
  /** A canvas colour (the chart is drawn, not styled). */
  color: string;
  values: Array<number | null>;
}

export interface ChartOptions {
  id: string;
  caption: string;
  /** Bucket starts, ms. */
  x: number[];
  series: ChartSeries[];
  /** How a value reads in the axis, the legend and the table. */
  format: (v: number | null) => string;
  /** How a bucket's start reads in the table. */
  xLabel: (ms: number) => string;
  /** Counts: the value axis ticks whole numbers only. */
  whole?: boolean;
}

/** Tick steps for counts: 1, 2, 5, 10, 20, 50, … */
const WHOLE_STEPS = Array.from({ length: 24 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3));

const HEIGHT = 220;

export function timeChart(o: ChartOptions): HTMLElement {
  const plot = h('div', { class: 'chart-plot', role: 'img', 'aria-label': `${o.caption}（图表；数据见下方表格）` });
  const rows: Cell[][] = o.x.map((x, i) => [o.xLabel(x), ...o.series.map((s) => o.format(s.values[i] ?? null))]);
  const table = dataTable({ id: `${o.id}-data`, caption: `${o.caption}：数据`, columns: [{ label: '时间' }, ...o.series.map((s) => ({ label: s.label, numeric: true }))], rows });
  const figure = h('figure', { class: 'chart', id: o.id }, h('figcaption', {}, o.caption), plot, h('details', {}, h('summary', {}, '查看数据表'), table));
  const chart = new uPlot(
    {
      width: 600,
      height: HEIGHT,
      ms: 1,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => o.format(t)), size: 64, ...(o.whole ? { incrs: WHOLE_STEPS } : {}) }],
      series: [{ label: '时间' }, ...o.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: false, value: (_u: uPlot, v: number | null) => o.format(v) }))],
    },
    [o.x, ...o.series.map((s) => s.values)] as uPlot.AlignedData,
    plot,
  );
  // As wide as its place on the page, however the page is laid out.
  new ResizeObserver(([entry]) => {
    const width = Math.floor(entry?.contentRect.width ?? 0);
    if (width > 0 && width !== chart.width) chart.setSize({ width, height: HEIGHT });
  }).observe(plot);
  return figure;
}
