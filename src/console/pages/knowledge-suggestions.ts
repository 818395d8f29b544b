import type { AcceptAnswer, Suggestion, SuggestionPage } from '../api/shapes';
import { dateTime } from '../logic/format';
import { SKIP_REASONS, ZONES } from '../logic/labels';
import { fill, h, nextId } from '../ui/dom';
import { errorView, panel, statusLine, type Ctx } from '../ui/page';

/**
 * GET /knowledge/suggestions: what customers asked that the bot was unsure of, clustered on the
 * stable version, each with the entry it most resembles. Accepting adds the chosen phrasings to an
 * entry as similar questions in a NEW config version (POST …/accept), live only once released;
 * dismissing takes the cluster out of the list.
 */
export function suggestionsPanel(ctx: Ctx): HTMLElement {
  const summary = h('p', { class: 'muted' });
  const list = h('div', {});
  const more = h('div', {});
  const load = async (cursor?: string) => {
    try {
      const page = await ctx.api.suggestions(cursor);
      summary.textContent = summaryText(page);
      if (!cursor && page.items.length === 0) fill(list, h('p', { class: 'muted' }, '暂无待补充的问题。'));
      else for (const s of page.items) list.appendChild(suggestionRow(ctx, s));
      const next = page.next_cursor;
      fill(more, next ? h('button', { type: 'button', onclick: () => void load(next) }, '更多') : null);
    } catch (e) {
      fill(list, errorView(e));
    }
  };
  void load();
  return panel('待补充的问题', h('p', { class: 'muted' }, '客户问过、机器人没能有把握回答的问题（已聚类，个人信息已遮盖）。采纳后存为新的配置版本，在「灰度发布」中发布后生效。'), summary, list, more);
}

const summaryText = (page: SuggestionPage): string =>
  `共 ${page.total} 组${page.version === null ? '' : `（按稳定版 v${page.version} 聚类`}${page.truncated ? `，只读了最近的 ${page.rows_read} 条问题` : ''}${page.version === null ? '' : '）'}`;

function nearestText(s: Suggestion): string {
  const e = s.entry;
  if (!e) return '没有相近的问答：可先新建问答，再把这些问法加入。';
  const why = e.source === 'click' ? `客户在追问菜单中点选了 ${e.clicks} 次` : `相似度 ${e.score.toFixed(2)}`;
  return `最接近：${e.id}「${e.question}」（${why}）`;
}

function suggestionRow(ctx: Ctx, s: Suggestion): HTMLElement {
  const status = statusLine();
  const chooser = h('div', {});
  const row = h(
    'div',
    { class: 'suggestion', 'data-suggestion': s.id },
    h('p', {}, h('b', {}, `${s.count} 次`), ` · ${s.phrasings} 种问法 · `, s.zones.map((z) => h('span', { class: `tag zone-${z}` }, ZONES[z])), ` · 最近 ${dateTime(s.last_seen)}`),
    h('p', {}, s.examples.join(' / ')),
    h('p', { class: 'muted' }, nearestText(s)),
    chooser,
    status.el,
  );
  const actions = h(
    'div',
    { class: 'row' },
    h('button', { type: 'button', onclick: () => void choose(ctx, s, chooser, status, row) }, '采纳…'),
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          try {
            const { dismissed } = await ctx.api.dismissSuggestion(s.id);
            fill(row, h('p', { class: 'muted' }, `已忽略（${dismissed} 条问题）：${s.examples[0] ?? ''}`));
          } catch (e) {
            status.fail(e);
          }
        },
      },
      '忽略',
    ),
  );
  row.insertBefore(actions, chooser);
  return row;
}

/** The accept form: which entry, and which of the cluster's phrasings (all of them by default), from GET …/:id. */
async function choose(ctx: Ctx, s: Suggestion, chooser: HTMLElement, status: ReturnType<typeof statusLine>, row: HTMLElement): Promise<void> {
  let phrasings: { text: string; count: number }[];
  try {
    phrasings = (await ctx.api.suggestion(s.id)).phrasing_counts;
  } catch (e) {
    return status.fail(e);
  }
  const entryId = nextId('se');
  const entries = (ctx.draft.doc.knowledge ?? []).map((k) => k.id).filter(Boolean);
  const entry = h('select', { id: entryId }, entries.map((id) => h('option', { value: id, selected: id === s.entry?.id }, id)));
  const boxes = phrasings.map((p) => {
    const id = nextId('sp');
    const box = h('input', { id, type: 'checkbox', checked: true, value: p.text });
    return { box, el: h('span', { class: 'choice' }, box, h('label', { for: id }, `${p.text}（${p.count} 次）`)) };
  });
  const accept = async () => {
    const chosen = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    if (!entry.value) return status.say('请先选择要加入的问答。', 'error');
    if (chosen.length === 0) return status.say('请至少选择一个问法。', 'error');
    status.say('提交中…');
    try {
      const answer = await ctx.api.acceptSuggestion(s.id, { entry_id: entry.value, ...(chosen.length < phrasings.length ? { questions: chosen } : {}) });
      addToDraft(ctx, entry.value, answer.added);
      fill(row, accepted(ctx, entry.value, answer));
    } catch (e) {
      status.fail(e);
    }
  };
  fill(
    chooser,
    h(
      'fieldset',
      {},
      h('legend', {}, '采纳为相似问题'),
      h('div', { class: 'field' }, h('label', { for: entryId }, '加入问答'), entry),
      h('div', { class: 'choices' }, boxes.map((b) => b.el)),
      h('button', { type: 'button', class: 'primary', onclick: accept }, '确认采纳'),
    ),
  );
}

/** The draft gets the same questions, so a later save of it does not drop what was just accepted. */
function addToDraft(ctx: Ctx, entryId: string, added: readonly string[]): void {
  const target = ctx.draft.doc.knowledge?.find((k) => k.id === entryId);
  if (target) target.questions = [...target.questions, ...added.filter((q) => !target.questions.includes(q))];
}

function accepted(ctx: Ctx, entryId: string, a: AcceptAnswer): HTMLElement {
  const skipped = a.skipped.length ? `未加入：${a.skipped.map((k) => `「${k.question}」${SKIP_REASONS[k.reason]}${k.reason === 'other_entry' ? `（${k.entry_id}）` : ''}`).join('、')}。` : '';
  return h(
    'div',
    { class: 'accepted', role: 'status' },
    a.created
      ? h('p', { class: 'status ok' }, `已把 ${a.added.length} 个问法加入 ${entryId}，存为新版本 v${a.version}（基于 v${a.base_version}）。新版本尚未生效，请在「灰度发布」中发布。${skipped}`)
      : h('p', { class: 'status' }, `这些问法都已在 v${a.base_version} 中，没有创建新版本。${skipped}`),
    a.created ? h('button', { type: 'button', onclick: () => ctx.go('release') }, `去灰度发布 v${a.version}`) : null,
  );
}
