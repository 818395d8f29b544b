import type { MetricsAnswer, MetricsQuery } from '../api/shapes';
import { dateTime, duration, fromLocalInput, pct, score, toLocalInput } from '../logic/format';
import { handoffReasonLabel } from '../logic/labels';
import { fill, h, nextId } from '../ui/dom';
import { errorText, pageHead, panel, statusLine, type Ctx, type Page } from '../ui/page';
import { dataTable } from '../ui/table';
import { reportCharts } from './reports-charts';

const DAY = 86_400_000;

/**
 * 数据报表: GET /metrics for a time range, kf account, channel and release side; the figures, their
 * charts per hour or per day, distributions, servicers, CSV export.
 */
export const reportsPage: Page = {
  id: 'reports',
  title: '数据报表',
  render: async (ctx: Ctx) => {
    await ctx.draft.load().catch(() => undefined);
    const ids = { kf: nextId('kf'), from: nextId('from'), to: nextId('to'), kfList: nextId('kfl'), channel: nextId('channel'), variant: nextId('variant'), granularity: nextId('granularity') };
    const now = Date.now();
    const kf = h('input', { id: ids.kf, list: ids.kfList, placeholder: '全部', autocomplete: 'off' });
    const kfList = h('datalist', { id: ids.kfList }, (ctx.draft.doc.links ?? []).map((l) => h('option', { value: l.open_kfid }, l.name)));
    const from = h('input', { id: ids.from, type: 'datetime-local', value: toLocalInput(now - 7 * DAY) });
    const to = h('input', { id: ids.to, type: 'datetime-local', value: '' });
    const option = (value: string, label: string) => h('option', { value }, label);
    const channel = h('select', { id: ids.channel }, option('', '全部'), (ctx.draft.doc.channels ?? []).map((c) => option(c.code, c.name ? `${c.name}（${c.code}）` : c.code)));
    const variant = h('select', { id: ids.variant }, option('', '全部'), option('stable', '稳定版'), option('candidate', '灰度版'));
    const granularity = h('select', { id: ids.granularity }, option('', '自动'), option('hour', '按小时'), option('day', '按天'));
    const status = statusLine();
    const out = h('div', { class: 'report' });
    const load = async (e?: Event) => {
      e?.preventDefault();
      status.say('加载中…');
      const range: MetricsQuery = {
        open_kfid: kf.value.trim() || undefined,
        from: numeric(fromLocalInput(from.value)),
        to: numeric(fromLocalInput(to.value)),
        channel: channel.value || undefined,
        variant: (variant.value || undefined) as MetricsQuery['variant'],
        granularity: (granularity.value || undefined) as MetricsQuery['granularity'],
      };
      try {
        const m = await ctx.api.metrics(range);
        fill(out, report(m));
        status.say(`${dateTime(m.from)} 至 ${dateTime(m.covered_to)}`, m.truncated ? 'error' : '');
      } catch (err) {
        status.say(errorText(err), 'error');
      }
    };
    const filters = h(
      'form',
      { class: 'row filters', onsubmit: load },
      h('label', { for: ids.kf }, '客服账号'),
      kf,
      kfList,
      h('label', { for: ids.from }, '从'),
      from,
      h('label', { for: ids.to }, '到'),
      to,
      h('label', { for: ids.channel }, '渠道'),
      channel,
      h('label', { for: ids.variant }, '版本'),
      variant,
      h('label', { for: ids.granularity }, '粒度'),
      granularity,
      h('button', { type: 'submit', class: 'primary' }, '查询'),
    );
    await load();
    return h('section', { class: 'page' }, pageHead('数据报表', '指标取自会话时间线：人工首响从转人工起算，机器人消息不计入；处理时长只计人工阶段。'), filters, status.el, out);
  },
};

/** Query values are milliseconds as digits (an empty box is left out). */
const numeric = (ms: number | undefined): string | undefined => (ms === undefined || Number.isNaN(ms) ? undefined : String(ms));

function report(m: MetricsAnswer): HTMLElement[] {
  const kpis: [string, string, string, string][] = [
    ['conversations', '会话数', String(m.conversations), `${m.customerMessages} 条客户消息`],
    ['answerRate', '机器人解答率', pct(m.answerRate), `${m.answered} / ${m.botTurns} 轮`],
    ['fallbackRate', '兜底率', pct(m.fallbackRate), `${m.fallbacks} / ${m.botTurns} 轮`],
    ['handoffRate', '转人工率', pct(m.handoffRate), `${m.handoffs} 次转人工`],
    ['containmentRate', '机器人独立解决', pct(m.containmentRate), '未经人工的会话'],
    ['satisfaction', '满意度', m.satisfaction == null ? '—' : `${score(m.satisfaction)} 分`, `${m.ratings} 条 · 好评 ${pct(m.satisfiedShare)}`],
    ['botFirstResponse', '机器人首响', duration(m.botFirstResponseMs.median), `中位 · ${m.botFirstResponseMs.count} 次`],
    ['humanFirstResponse', '人工首响', duration(m.humanFirstResponseMs.median), `P90 ${duration(m.humanFirstResponseMs.p90)}`],
    ['handling', '人工处理时长', duration(m.handlingMs.median), `中位 · ${m.handlingMs.count} 次接待`],
    ['queueWait', '排队等待', duration(m.queueWaitMs.median), `中位 · P90 ${duration(m.queueWaitMs.p90)} · ${m.queueWaitMs.count} 次`],
  ];
  const total = (list: { count: number }[]) => list.reduce((s, x) => s + x.count, 0) || 1;
  const intentTotal = total(m.intents);
  const reasonTotal = total(m.handoffReasons);
  return [
    m.truncated ? h('p', { class: 'notice' }, `数据量超过单次上限，指标只统计到 ${dateTime(m.covered_to)}；请缩短时间范围或按客服账号筛选。`) : h('span', {}),
    h('div', { class: 'kpis' }, kpis.map(([id, label, value, sub]) => h('div', { class: 'kpi', 'data-kpi': id }, h('span', {}, label), h('b', {}, value), h('em', {}, sub)))),
    reportCharts(m),
    dataTable({
      id: 'kpi-table',
      caption: '指标汇总',
      columns: [{ label: '指标' }, { label: '数值', numeric: true }, { label: '说明' }],
      rows: kpis.map(([, label, value, sub]) => [label, value, sub]),
    }),
    h(
      'div',
      { class: 'two' },
      panel('意图分布', dataTable({ id: 'intents', caption: '意图', columns: [{ label: '意图' }, { label: '次数', numeric: true }, { label: '占比', numeric: true }], rows: m.intents.map((x) => [x.intent, x.count, pct(x.count / intentTotal)]), bar: (r) => Number(r[1]) })),
      panel(
        '转人工原因',
        dataTable({ id: 'reasons', caption: '原因', columns: [{ label: '原因' }, { label: '次数', numeric: true }, { label: '占比', numeric: true }], rows: m.handoffReasons.map((x) => [handoffReasonLabel(x.reason), x.count, pct(x.count / reasonTotal)]), bar: (r) => Number(r[1]) }),
      ),
    ),
    panel(
      '客服绩效',
      dataTable({
        id: 'servicers',
        caption: '客服',
        columns: [{ label: '客服' }, { label: '接待量', numeric: true }, { label: '评价数', numeric: true }, { label: '满意度', numeric: true }, { label: '首响中位', numeric: true }, { label: '首响 P90', numeric: true }, { label: '处理时长中位', numeric: true }],
        rows: m.servicers.map((s) => [s.servicer, s.handled, s.rated, score(s.satisfaction), duration(s.firstResponseMs.median), duration(s.firstResponseMs.p90), duration(s.handlingMs.median)]),
      }),
    ),
  ];
}
