import { toCsv, type Cell } from '../logic/csv';
import { download, h, svg } from './dom';

export interface Column {
  label: string;
  /** Right-aligned figures. */
  numeric?: boolean;
}

/**
 * A table with an 导出 CSV button that exports exactly the rows shown; `bar` adds a column of SVG
 * bars, the row's share of the largest value (no chart library: a few rects need none).
 */
export function dataTable(opts: { id: string; caption: string; columns: Column[]; rows: Cell[][]; shown?: (row: Cell[]) => (string | Node)[]; bar?: (row: Cell[]) => number; empty?: string }): HTMLElement {
  const { columns, rows } = opts;
  const max = opts.bar ? Math.max(1, ...rows.map(opts.bar)) : 1;
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'n' : '' }, c.label)), opts.bar ? h('th', { scope: 'col', class: 'bar-col' }, h('span', { class: 'sr-only' }, '比例')) : null);
  const body = rows.length
    ? rows.map((row) => {
        const cells = opts.shown ? opts.shown(row) : row.map((v) => (v == null ? '—' : String(v)));
        return h('tr', {}, cells.map((v, i) => h('td', { class: columns[i]?.numeric ? 'n' : '' }, v)), opts.bar ? h('td', { class: 'bar-col' }, bar(opts.bar(row) / max)) : null);
      })
    : [h('tr', {}, h('td', { class: 'muted', colspan: columns.length + (opts.bar ? 1 : 0) }, opts.empty ?? '暂无数据'))];
  const csv = () => download(`${opts.id}.csv`, toCsv(columns.map((c) => c.label), rows), 'text/csv;charset=utf-8');
  return h(
    'div',
    { class: 'table-wrap' },
    h('div', { class: 'table-head' }, h('h3', {}, opts.caption), h('button', { type: 'button', class: 'small', onclick: csv, disabled: rows.length === 0, 'aria-label': `导出 ${opts.caption} CSV` }, '导出 CSV')),
    h('div', { class: 'scroll' }, h('table', { id: opts.id }, h('thead', {}, head), h('tbody', {}, body))),
  );
}

function bar(share: number): SVGSVGElement {
  const width = Math.max(1, Math.round(share * 100));
  return svg('svg', { class: 'bar', viewBox: '0 0 100 8', preserveAspectRatio: 'none', 'aria-hidden': 'true' }, svg('rect', { x: 0, y: 0, width, height: 8, rx: 2 }));
}
