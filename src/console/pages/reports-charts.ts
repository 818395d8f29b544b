import type { MetricsAnswer } from '../api/shapes';
import { dateTime, duration, pct, score } from '../logic/format';
import { type ChartOptions, type ChartSeries, timeChart } from '../ui/chart';
import { h } from '../ui/dom';

/** 数据报表's charts: the answer's series per hour or per day, each with its numbers as a table. */

const count = (v: number | null) => (v == null ? '—' : String(Math.round(v)));
const seconds = (v: number | null) => (v == null ? '—' : `${(v / 1000).toFixed(v < 10_000 ? 1 : 0)} 秒`);

export function reportCharts(m: MetricsAnswer): HTMLElement {
  const s = m.series;
  const x = s.map((b) => b.start);
  const per = m.granularity === 'hour' ? '每小时' : '每天';
  const xLabel = (ms: number) => (m.granularity === 'hour' ? dateTime(ms) : new Date(ms).toLocaleDateString('zh-CN'));
  const chart = (id: string, caption: string, format: ChartOptions['format'], series: ChartSeries[]) => timeChart({ id, caption, x, xLabel, format, series, whole: format === count });
  return h(
    'div',
    { class: 'charts' },
    chart('chart-conversations', `会话数（${per}）`, count, [{ label: '会话', color: '#2563eb', values: s.map((b) => b.conversations) }]),
    chart('chart-rates', `机器人独立解决率与转人工率（${per}）`, pct, [
      { label: '独立解决率', color: '#16a34a', values: s.map((b) => b.containmentRate) },
      { label: '转人工率', color: '#dc2626', values: s.map((b) => b.handoffRate) },
    ]),
    chart('chart-messages', `消息量（${per}）`, count, [
      { label: '客户消息', color: '#2563eb', values: s.map((b) => b.customerMessages) },
      { label: '机器人消息', color: '#16a34a', values: s.map((b) => b.botMessages) },
      { label: '人工消息', color: '#d97706', values: s.map((b) => b.servicerMessages) },
    ]),
    chart('chart-outcomes', `机器人解答、兜底与转人工（${per}）`, count, [
      { label: '机器人解答', color: '#16a34a', values: s.map((b) => b.answered) },
      { label: '兜底', color: '#9333ea', values: s.map((b) => b.fallbacks) },
      { label: '转人工', color: '#dc2626', values: s.map((b) => b.handoffs) },
    ]),
    chart('chart-first-response', `首次响应时间 P50 / P90（${per}）`, seconds, [
      { label: '机器人 P50', color: '#16a34a', values: s.map((b) => b.botFirstResponseMs.median) },
      { label: '机器人 P90', color: '#86efac', values: s.map((b) => b.botFirstResponseMs.p90) },
      { label: '人工 P50', color: '#d97706', values: s.map((b) => b.humanFirstResponseMs.median) },
      { label: '人工 P90', color: '#fcd34d', values: s.map((b) => b.humanFirstResponseMs.p90) },
    ]),
    chart('chart-handling', `人工首响与处理时长 P50 / P90（${per}）`, duration, [
      { label: '人工首响 P50', color: '#d97706', values: s.map((b) => b.humanFirstResponseMs.median) },
      { label: '人工首响 P90', color: '#fcd34d', values: s.map((b) => b.humanFirstResponseMs.p90) },
      { label: '处理时长 P50', color: '#7c3aed', values: s.map((b) => b.handlingMs.median) },
      { label: '处理时长 P90', color: '#c4b5fd', values: s.map((b) => b.handlingMs.p90) },
    ]),
    chart('chart-queue-wait', `排队等待 P50 / P90（${per}）`, duration, [
      { label: '排队 P50', color: '#0891b2', values: s.map((b) => b.queueWaitMs.median) },
      { label: '排队 P90', color: '#67e8f9', values: s.map((b) => b.queueWaitMs.p90) },
    ]),
    chart('chart-satisfaction', `满意度（${per}，1–5 分）`, (v) => (v == null ? '—' : score(v)), [{ label: '平均分', color: '#2563eb', values: s.map((b) => b.satisfaction) }]),
  );
}
