import type { MenuItem } from '../../rules/config';
import { builtinText, TEMPLATE_KEYS, TEMPLATE_LABELS } from '../logic/templates';
import type { Path } from '../logic/paths';
import { h, nextId } from '../ui/dom';
import type { ConfigForm } from '../ui/form';
import { configPage, listEditor, panel, type Ctx, type Page } from '../ui/page';

/** 智能回复: welcome (menu, by time of day), the fallback ladder, handoff, and the texts per language. */
export const repliesPage: Page = {
  id: 'replies',
  title: '智能回复',
  render: (ctx: Ctx) =>
    configPage(ctx, '智能回复', '欢迎语与菜单、兜底回复与升级、转人工的关键词与次数，以及各语言的系统文案。', (form, rerender) => [
      panel(
        '欢迎语',
        form.text(['welcome', 'text'], '欢迎语', { multiline: true }),
        h('h3', {}, '欢迎菜单'),
        listEditor<Partial<MenuItem>>(form, rerender, ['welcome', 'menu'], {
          title: (m, i) => `菜单项 ${i + 1}${m.content ? `：${m.content}` : ''}`,
          create: () => ({ id: '', content: '' }),
          add: '添加菜单项',
          item: (p: Path) => h('div', { class: 'grid' }, form.text([...p, 'id'], '菜单 ID', { hint: 'handoff 表示转人工' }), form.text([...p, 'content'], '按钮文字')),
        }),
        h('h3', {}, '分时段欢迎语'),
        listEditor<{ start?: string; end?: string; text?: string }>(form, rerender, ['welcome', 'by_time'], {
          title: (t, i) => `时段 ${i + 1}${t.start ? `：${t.start}-${t.end ?? ''}` : ''}`,
          create: () => ({ start: '18:00', end: '09:00', text: '' }),
          add: '添加分时段欢迎语',
          item: (p: Path) => [h('div', { class: 'grid' }, form.text([...p, 'start'], '开始', { type: 'time' }), form.text([...p, 'end'], '结束', { type: 'time' })), form.text([...p, 'text'], '欢迎语', { multiline: true })],
        }),
      ),
      panel(
        '兜底与升级',
        form.text(['fallback', 'reply'], '兜底回复', { multiline: true }),
        form.number(['fallback', 'escalate_after_seconds'], '未解决多少秒后转人工', { min: 0, placeholder: '300', hint: '第一次未识别开始计时；0 表示不升级' }),
      ),
      panel(
        '转人工',
        form.lines(['handoff', 'keywords'], '转人工关键词', { placeholder: '人工\n转人工' }),
        h('div', { class: 'grid' }, form.number(['handoff', 'after_misses'], '连续未识别几次后转人工', { min: 1, max: 100 }), form.text(['handoff', 'message'], '转人工提示', { multiline: true })),
      ),
      templatesPanel(form, rerender),
    ]),
};

function templatesPanel(form: ConfigForm, rerender: () => void): HTMLElement {
  const templates = (form.value(['templates']) ?? {}) as Record<string, unknown>;
  const localeId = nextId('locale');
  const locale = h('input', { id: localeId, placeholder: 'en', size: 8 });
  const add = () => {
    const name = locale.value.trim();
    if (!name || name in templates) return;
    form.draft.set(['templates', name], {});
    rerender();
  };
  return panel(
    '多语言文案',
    h('p', { class: 'muted' }, '客户的语言有对应文案时使用它，否则使用中文。留空即使用默认文案（灰色提示）。'),
    Object.keys(templates).map((lang) =>
      form.group(
        ['templates', lang],
        `语言 ${lang}`,
        h('div', { class: 'grid' }, TEMPLATE_KEYS.map((key) => form.text(['templates', lang, key], TEMPLATE_LABELS[key], { placeholder: builtinText(key) }))),
        h('button', { type: 'button', class: 'danger', onclick: () => (form.draft.set(['templates', lang], undefined), rerender()) }, `删除语言 ${lang}`),
      ),
    ),
    h('div', { class: 'row' }, h('label', { for: localeId }, '新增语言'), locale, h('button', { type: 'button', onclick: add }, '添加语言')),
  );
}
