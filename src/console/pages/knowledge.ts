import type { KnowledgeEntry } from '../../rules/config';
import { ZONES } from '../logic/labels';
import type { Path } from '../logic/paths';
import { fill, h, nextId } from '../ui/dom';
import { configPage, errorView, listEditor, panel, type Ctx, type Page } from '../ui/page';
import { suggestionsPanel } from './knowledge-suggestions';

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
      fill(out, errorView(err));
    }
  };
  return panel('试一试', h('form', { class: 'row', onsubmit: run }, h('label', { for: id }, '客户的问题'), input, h('button', { type: 'submit' }, '试一试')), h('p', { class: 'muted' }, '按已发布的稳定版判断；草稿需保存并发布后才参与。'), out);
}
