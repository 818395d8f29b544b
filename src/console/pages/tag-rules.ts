import type { TagRule } from '../../rules/config';
import { TAG_ACTIONS, TRIGGER_TYPES } from '../logic/labels';
import type { Path } from '../logic/paths';
import { h } from '../ui/dom';
import type { ConfigForm } from '../ui/form';
import { configPage, listEditor, type Ctx, type Page } from '../ui/page';

type Rule = Partial<TagRule> & Record<string, unknown>;
type Trigger = TagRule['trigger_type'];

/** The fields each trigger type has besides the common ones: switching type drops the others. */
const OWN_FIELDS: Record<Trigger, string[]> = { message_keyword: ['keywords'], message_regex: ['pattern', 'flags'], behavior: ['event', 'match'], channel: ['channel_code'] };

/** 标签规则: keyword, regex, behaviour and channel rules that add or remove a customer tag. */
export const tagRulesPage: Page = {
  id: 'tag-rules',
  title: '标签规则',
  render: (ctx: Ctx) =>
    configPage(ctx, '标签规则', '客户消息命中关键词或正则、发生某个行为（点击链接、点菜单、参加活动）或从某个渠道进入时，自动打上或移除标签。', (form, rerender) => {
      const channels = (ctx.draft.doc.channels ?? []).map((c) => [c.code, `${c.name}（${c.code}）`] as const);
      return listEditor<Rule>(form, rerender, ['tag_rules'], {
        title: (r, i) => `规则 ${i + 1}${r.rule_name ? `：${r.rule_name}` : ''}`,
        create: () => ({ rule_name: '', trigger_type: 'message_keyword', keywords: [], action: 'add_tag', tag_name: '' }),
        add: '添加标签规则',
        summary: (r) => `${TRIGGER_TYPES[r.trigger_type ?? 'message_keyword']} → ${r.action === 'remove_tag' ? '移除' : '打上'}「${r.tag_name ?? ''}」`,
        empty: '还没有标签规则。',
        item: (p: Path, r) => [
          h(
            'div',
            { class: 'grid' },
            form.text([...p, 'rule_name'], '规则名称'),
            triggerSelect(form, p, r, rerender),
            form.select([...p, 'action'], '动作', Object.entries(TAG_ACTIONS)),
            form.text([...p, 'tag_name'], '标签'),
          ),
          h('div', { class: 'grid' }, triggerFields(form, p, r.trigger_type ?? 'message_keyword', channels), form.checkbox([...p, 'enabled'], '启用', true)),
        ],
      });
    }),
};

function triggerSelect(form: ConfigForm, p: Path, rule: Rule, rerender: () => void): HTMLElement {
  const field = form.select([...p, 'trigger_type'], '触发方式', Object.entries(TRIGGER_TYPES));
  field.querySelector('select')?.addEventListener('change', () => {
    const next = form.value([...p, 'trigger_type']) as Trigger;
    for (const [type, keys] of Object.entries(OWN_FIELDS)) if (type !== next) for (const k of keys) delete rule[k];
    form.draft.touch();
    rerender();
  });
  return field;
}

function triggerFields(form: ConfigForm, p: Path, trigger: Trigger, channels: (readonly [string, string])[]): HTMLElement[] {
  switch (trigger) {
    case 'message_keyword':
      return [form.lines([...p, 'keywords'], '关键词')];
    case 'message_regex':
      return [form.text([...p, 'pattern'], '正则表达式', { hint: '会拒绝可能灾难性回溯的写法，如 (a+)+' }), form.text([...p, 'flags'], '标志', { placeholder: 'i' })];
    case 'behavior':
      return [form.text([...p, 'event'], '行为', { hint: 'link_click、menu_click、campaign_join 等' }), form.text([...p, 'match'], '匹配引用', { hint: '链接 ID、菜单 ID 或活动名；留空为任意' })];
    case 'channel':
      return [channels.length ? form.select([...p, 'channel_code'], '渠道', channels, { empty: '（请选择）' }) : form.text([...p, 'channel_code'], '渠道代码')];
  }
}
