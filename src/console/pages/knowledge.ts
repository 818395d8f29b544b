import type { KnowledgeEntry } from '../../rules/config';
import { ApiError } from '../api/http';
import type { SuggestionCluster, TryAnswer } from '../api/shapes';
import { readSuggestions } from '../logic/pending-routes';
import type { Path } from '../logic/paths';
import { fill, h, nextId } from '../ui/dom';
import { configPage, errorText, listEditor, panel, statusLine, type Ctx, type Page } from '../ui/page';

const ZONES: Record<TryAnswer['zone'], string> = { answer: '直接解答', clarify: '追问确认', fallback: '兜底回复', smalltalk: '闲聊' };

/** 知识库: entries (a standard question, similar questions, the answer, context), a try box and the suggestions mined from misses. */
export const knowledgePage: Page = {
  id: 'knowledge',
  title: '知识库',
  render: async (ctx: Ctx) => {
    const page = await configPage(ctx, '知识库', '每条问答：第一个问题是标准问题，其余是相似问题。sets_context 打开一个话题，requires_context 的条目只在该话题打开时可用。', (form, rerender) =>
      listEditor<Partial<KnowledgeEntry>>(form, rerender, ['knowledge'], {
        title: (k, i) => `问答 ${i + 1}${k.id ? `：${k.id}` : ''}`,
        create: () => ({ id: '', questions: [''], answer: '' }),
        add: '添加问答',
        empty: '知识库是空的。',
        summary: (k) => `${k.questions?.[0] ?? ''}${(k.questions?.length ?? 0) > 1 ? `（另有 ${(k.questions?.length ?? 1) - 1} 个相似问题）` : ''}`,
        item: (p: Path) => [
          form.text([...p, 'id'], '条目 ID', { hint: '唯一，如 price' }),
          form.textList([...p, 'questions'], rerender, { label: (i) => (i === 0 ? '标准问题' : `相似问题 ${i}`), add: '添加相似问题' }),
          form.text([...p, 'answer'], '答案', { multiline: true }),
          h('div', { class: 'grid' }, form.text([...p, 'sets_context'], '设置话题 sets_context'), form.text([...p, 'requires_context'], '需要话题 requires_context')),
        ],
      }),
    );
    const intro = page.querySelector('.page-head')?.nextSibling ?? null;
    page.insertBefore(tryPanel(ctx), intro);
    page.insertBefore(suggestionsPanel(ctx), intro);
    return page;
  },
};

/** POST /knowledge/try: what a new customer would get for a text on the stable version, and why. */
function tryPanel(ctx: Ctx): HTMLElement {
  const id = nextId('try');
  const input = h('input', { id, type: 'text', maxlength: 2048, placeholder: '例如：退货运费谁出' });
  const out = h('div', { class: 'try-out', 'aria-live': 'polite' });
  const run = async (e: Event) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    fill(out, '判断中…');
    try {
      const a = await ctx.api.tryText(input.value);
      const r = a.reasons;
      fill(
        out,
        h('p', {}, h('span', { class: `tag zone-${a.zone}` }, ZONES[a.zone]), a.confidence === undefined ? null : ` 置信度 ${a.confidence.toFixed(2)}`, a.version === null ? ' · 尚无稳定版' : ` · 稳定版 v${a.version}`),
        a.entry ? h('p', {}, `命中 ${a.entry.id}「${a.entry.question}」：${a.entry.answer}`) : null,
        a.choices?.length ? h('p', {}, `候选：${a.choices.map((c) => `${c.id}「${c.question}」`).join('、')}`) : null,
        a.kind ? h('p', {}, `闲聊类型：${a.kind}`) : null,
        h(
          'table',
          { class: 'compact' },
          h('thead', {}, h('tr', {}, h('th', {}, '条目'), h('th', { class: 'n' }, '得分'))),
          h('tbody', {}, r.scores.map((s) => h('tr', {}, h('td', {}, s.id), h('td', { class: 'n' }, s.score.toFixed(3))))),
        ),
        h('p', {}, `匹配的词：${r.matched.join('、') || '—'}`),
        h('p', {}, `未解释的词：${r.unexplained.join('、') || '—'}`),
        r.types.length ? h('p', {}, `问句类型：${r.types.join('、')}`) : null,
        r.corrections.length ? h('p', {}, `纠正：${r.corrections.join('、')}`) : null,
        r.held ? h('p', { class: 'warn' }, `未直接解答的原因：${r.held}`) : null,
      );
    } catch (err) {
      fill(out, h('p', { class: 'error' }, errorText(err)));
    }
  };
  return panel('试一试', h('form', { class: 'row', onsubmit: run }, h('label', { for: id }, '客户的问题'), input, h('button', { type: 'submit' }, '试一试')), h('p', { class: 'muted' }, '按已发布的稳定版判断；草稿需保存并发布后才参与。'), out);
}

/**
 * GET /knowledge/suggestions: what customers asked that was not answered confidently, clustered.
 * Accepting adds the examples to the nearest entry (or a new one) in the draft; the panel stays
 * hidden while the route does not exist (404).
 */
function suggestionsPanel(ctx: Ctx): HTMLElement {
  const list = h('div', {});
  const status = statusLine();
  const el = panel('待补充的问题', h('p', { class: 'muted' }, '客户问过、机器人没能有把握回答的问题（已聚类）。采纳后加入草稿，保存并发布才生效。'), status.el, list);
  el.hidden = true;
  const accept = (c: SuggestionCluster) => {
    const entries = (ctx.draft.doc.knowledge ??= []);
    const target = c.nearest ? entries.find((e) => e.id === c.nearest?.id) : undefined;
    if (target) target.questions = [...target.questions, ...c.examples.filter((q) => !target.questions.includes(q))];
    else entries.push({ id: `suggestion-${c.id}`, questions: c.examples.length ? c.examples : [''], answer: '' });
    ctx.draft.touch();
    ctx.go('knowledge');
  };
  const dismiss = async (c: SuggestionCluster, row: HTMLElement) => {
    try {
      await ctx.api.dismissSuggestion(c.id);
      row.parentNode?.removeChild(row);
    } catch (e) {
      status.say(errorText(e), 'error');
    }
  };
  void ctx.api.suggestions().then(
    (body) => {
      const clusters = readSuggestions(body);
      el.hidden = false;
      fill(
        list,
        clusters.length === 0
          ? h('p', { class: 'muted' }, '暂无待补充的问题。')
          : clusters.map((c) => {
              const row = h(
                'div',
                { class: 'suggestion' },
                h('p', {}, h('b', {}, `${c.count} 次`), ' ', c.examples.slice(0, 5).join(' / ')),
                c.nearest ? h('p', { class: 'muted' }, `最接近：${c.nearest.id}「${c.nearest.question}」（${c.nearest.score.toFixed(2)}）`) : null,
              );
              row.appendChild(
                h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => accept(c) }, c.nearest ? `采纳为 ${c.nearest.id} 的相似问题` : '采纳为新问答'), h('button', { type: 'button', onclick: () => dismiss(c, row) }, '忽略')),
              );
              return row;
            }),
      );
    },
    (e: unknown) => {
      if (!(e instanceof ApiError && e.status === 404)) {
        el.hidden = false;
        status.say(errorText(e), 'error');
      }
    },
  );
  return el;
}
