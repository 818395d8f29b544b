import type { CompareAnswer, ReleaseAnswer, ReleaseRequest, VersionMeta } from '../api/shapes';
import { dateTime, pct, score } from '../logic/format';
import { diffJson, showValue } from '../logic/json-diff';
import { STAGES, VARIANTS } from '../logic/labels';
import { showPath } from '../logic/paths';
import { fill, h, nextId } from '../ui/dom';
import { errorText, pageHead, panel, statusLine, type Ctx, type Page } from '../ui/page';
import { dataTable } from '../ui/table';

/** 灰度发布: versions, a diff between any two, release by stage, rollback, and the stable/candidate comparison. */
export const releasePage: Page = {
  id: 'release',
  title: '灰度发布',
  render: async (ctx: Ctx) => {
    const [state, { items }] = await Promise.all([ctx.api.release(), ctx.api.versions()]);
    const stateBox = h('div', { id: 'release-state' });
    const versionsBox = h('div', {}, versionsTable(items));
    const compareBox = h('div', {});
    const refresh = async (s: ReleaseAnswer) => {
      fill(stateBox, stateLine(s));
      try {
        if (s !== state) fill(versionsBox, versionsTable((await ctx.api.versions()).items));
        fill(compareBox, comparison(await ctx.api.compare({})));
      } catch (e) {
        fill(compareBox, h('p', { class: 'error' }, errorText(e)));
      }
    };
    await refresh(state);
    return h(
      'section',
      { class: 'page' },
      pageHead('灰度发布', '保存的版本不会自动生效：先影子运行或给内部人员、一部分客户试用，比较效果后全量；全量旧版本即回退。'),
      panel('当前状态', stateBox),
      panel('发布', releaseForm(ctx, items, state, refresh)),
      panel('版本', versionsBox, diffForm(ctx, items)),
      panel('效果对比（近 7 天）', compareBox),
    );
  },
};

function stateLine(s: ReleaseAnswer): HTMLElement {
  const v = (n: number | null) => (n === null ? '无' : `v${n}`);
  return h(
    'p',
    {},
    '稳定版 ',
    h('span', { class: 'tag' }, v(s.stable)),
    ' 候选版 ',
    h('span', { class: `tag ${s.candidate === null ? 'gray' : 'warn'}` }, v(s.candidate)),
    ' 阶段 ',
    h('span', { class: 'tag gray', id: 'release-stage' }, `${STAGES[s.stage]}${s.stage === 'percent' ? ` ${s.percent}%` : ''}`),
    s.internal.ids.length || s.internal.tags.length ? ` 内部试用：${[...s.internal.ids, ...s.internal.tags.map((t) => `#${t}`)].join('、')}` : '',
  );
}

function releaseForm(ctx: Ctx, versions: VersionMeta[], state: ReleaseAnswer, refresh: (s: ReleaseAnswer) => Promise<void>): HTMLElement {
  const ids = { version: nextId('rv'), stage: nextId('rs'), percent: nextId('rp'), users: nextId('ru'), tags: nextId('rt') };
  const version = h('select', { id: ids.version }, versions.map((v) => h('option', { value: v.version }, `v${v.version}${v.stable ? '（稳定版）' : v.candidate ? '（候选版）' : ''}${v.note ? ` ${v.note}` : ''}`)));
  const stage = h('select', { id: ids.stage }, (['shadow', 'internal', 'percent', 'full'] as const).map((s) => h('option', { value: s, selected: s === 'percent' }, STAGES[s])));
  const percent = h('input', { id: ids.percent, type: 'number', min: 0, max: 100, value: state.stage === 'percent' ? state.percent : 10 });
  const users = h('textarea', { id: ids.users, rows: 2, placeholder: '每行一个 external_userid' }, state.internal.ids.join('\n'));
  const tags = h('textarea', { id: ids.tags, rows: 2, placeholder: '内部员工' }, state.internal.tags.join('\n'));
  const percentField = h('div', { class: 'field' }, h('label', { for: ids.percent }, '放量比例 %'), percent);
  const internalFields = h('div', { class: 'grid' }, h('div', { class: 'field' }, h('label', { for: ids.users }, '内部试用客户'), users), h('div', { class: 'field' }, h('label', { for: ids.tags }, '内部试用标签'), tags));
  const status = statusLine();
  const toggle = () => {
    percentField.hidden = stage.value !== 'percent';
    internalFields.hidden = stage.value === 'full';
  };
  stage.addEventListener('change', toggle);
  toggle();
  const lines = (t: HTMLTextAreaElement) => t.value.split('\n').map((s) => s.trim()).filter(Boolean);
  const request = (): ReleaseRequest => {
    const v = Number(version.value);
    const internal = { ids: lines(users), tags: lines(tags) };
    switch (stage.value) {
      case 'full':
        return { version: v, stage: 'full' };
      case 'percent':
        return { version: v, stage: 'percent', percent: Number(percent.value), internal };
      default:
        return { version: v, stage: stage.value === 'shadow' ? 'shadow' : 'internal', internal };
    }
  };
  const act = (call: () => Promise<ReleaseAnswer>, done: string) => async () => {
    status.say('处理中…');
    try {
      const s = await call();
      await refresh(s);
      status.say(done, 'ok');
    } catch (e) {
      status.say(errorText(e), 'error');
    }
  };
  return h(
    'div',
    {},
    versions.length === 0 ? h('p', { class: 'muted' }, '还没有保存过配置版本。') : null,
    h('div', { class: 'grid' }, h('div', { class: 'field' }, h('label', { for: ids.version }, '版本'), version), h('div', { class: 'field' }, h('label', { for: ids.stage }, '阶段'), stage), percentField),
    internalFields,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'primary', disabled: versions.length === 0, onclick: act(() => ctx.api.releaseTo(request()), '已发布。') }, '发布'),
      h('button', { type: 'button', class: 'danger', onclick: act(() => ctx.api.rollback(), '已回滚：候选版撤下，客户回到稳定版。') }, '回滚候选版'),
    ),
    status.el,
  );
}

function versionsTable(items: VersionMeta[]): HTMLElement {
  return dataTable({
    id: 'versions',
    caption: '版本列表',
    columns: [{ label: '版本' }, { label: '保存时间' }, { label: '保存者' }, { label: '说明' }, { label: '状态' }],
    rows: items.map((v) => [`v${v.version}`, dateTime(v.created_at), v.created_by, v.note ?? '', v.stable ? '稳定版' : v.candidate ? '候选版' : '']),
  });
}

function diffForm(ctx: Ctx, items: VersionMeta[]): HTMLElement {
  const [a, b] = [nextId('da'), nextId('db')];
  const pick = (id: string, preferred: number | undefined) => h('select', { id }, items.map((v) => h('option', { value: v.version, selected: v.version === preferred }, `v${v.version}`)));
  const left = pick(a, items[1]?.version);
  const right = pick(b, items[0]?.version);
  const out = h('div', { id: 'diff' });
  const show = async () => {
    fill(out, '比较中…');
    try {
      const [x, y] = await Promise.all([ctx.api.version(Number(left.value)), ctx.api.version(Number(right.value))]);
      const changes = diffJson(x.document, y.document);
      const kinds = { added: '新增', removed: '删除', changed: '修改' } as const;
      fill(
        out,
        changes.length === 0
          ? h('p', { class: 'muted' }, '两个版本内容相同。')
          : dataTable({
              id: 'version-diff',
              caption: `v${x.version} → v${y.version}：${changes.length} 处变化`,
              columns: [{ label: '位置' }, { label: '变化' }, { label: '之前' }, { label: '之后' }],
              rows: changes.map((c) => [showPath(c.path), kinds[c.kind], 'before' in c ? showValue(c.before) : '', 'after' in c ? showValue(c.after) : '']),
            }),
      );
    } catch (e) {
      fill(out, h('p', { class: 'error' }, errorText(e)));
    }
  };
  return h('div', { class: 'row diff-form' }, h('label', { for: a }, '比较'), left, h('label', { for: b }, '与'), right, h('button', { type: 'button', onclick: show, disabled: items.length < 2 }, '查看差异'), out);
}

function comparison(c: CompareAnswer): HTMLElement {
  const sides = Object.keys(c.variants).sort((x, y) => (x === 'stable' ? -1 : y === 'stable' ? 1 : x.localeCompare(y)));
  const m = (side: string) => c.variants[side]!;
  const lines: [string, (side: string) => string][] = [
    ['会话数', (s) => String(m(s).conversations)],
    ['解答率', (s) => `${pct(m(s).answerRate)} (${m(s).answered}/${m(s).botTurns})`],
    ['兜底率', (s) => `${pct(m(s).fallbackRate)} (${m(s).fallbacks}/${m(s).botTurns})`],
    ['转人工率', (s) => `${pct(m(s).handoffRate)} (${m(s).handoffs})`],
    ['满意度', (s) => `${score(m(s).satisfaction)} (${m(s).ratings} 条)`],
  ];
  return h(
    'div',
    {},
    dataTable({ id: 'compare', caption: '各版本指标', columns: [{ label: '指标' }, ...sides.map((s) => ({ label: VARIANTS[s] ?? s, numeric: true }))], rows: lines.map(([label, get]) => [label, ...sides.map(get)]) }),
    c.differences.compared
      ? h('p', {}, `影子模式对比了 ${c.differences.compared} 轮，其中 ${c.differences.count} 轮候选版的决定与稳定版不同。`)
      : null,
    c.differences.sample.length
      ? dataTable({
          id: 'shadow-differences',
          caption: '不同的决定（最近）',
          columns: [{ label: '时间' }, { label: '会话' }, { label: '稳定版' }, { label: '候选版' }],
          rows: c.differences.sample.map((d) => [dateTime(d.at), d.conversation, d.stable.replies.join(' / ') || (d.stable.handoff ? `转人工 ${d.stable.handoff}` : '—'), d.candidate.replies.join(' / ') || (d.candidate.handoff ? `转人工 ${d.candidate.handoff}` : '—')]),
        })
      : null,
    c.excluded ? h('p', { class: 'muted' }, `另有 ${c.excluded} 条事件属于已下线的版本，未计入。`) : null,
  );
}
