import type { Group, RoutingRule } from '../../rules/config';
import { STRATEGIES } from '../logic/labels';
import type { Path } from '../logic/paths';
import { h, nextId } from '../ui/dom';
import { configPage, listEditor, panel, type Ctx, type Page } from '../ui/page';

type Rule = Partial<{ when: { tag?: string; intent?: string; channel?: string }; default: true; group: string; strategy: string }>;

/** 路由分配: servicer groups and the routing rules (first match wins; the default rule last). */
export const routingPage: Page = {
  id: 'routing',
  title: '路由分配',
  render: (ctx: Ctx) =>
    configPage(ctx, '路由分配', '转人工时按顺序取第一条匹配的规则（标签、意图或渠道），再在该组内按策略选客服：优先上次接待的客服，不超过接待上限。', (form, rerender) => {
      const groups = (ctx.draft.doc.groups ?? []).map((g) => [g.id, `${g.name}（${g.id}）`] as const);
      const strategies = Object.entries(STRATEGIES);
      return [
        panel(
          '客服分组',
          listEditor<Partial<Group>>(form, rerender, ['groups'], {
            title: (g, i) => `分组 ${i + 1}${g.name ? `：${g.name}` : ''}`,
            create: () => ({ id: '', name: '', servicers: [] }),
            add: '添加分组',
            item: (p: Path) => h('div', { class: 'grid' }, form.text([...p, 'id'], '分组 ID'), form.text([...p, 'name'], '分组名称'), form.lines([...p, 'servicers'], '客服 userid')),
          }),
        ),
        panel(
          '路由规则',
          listEditor<Rule>(form, rerender, ['routing'], {
            title: (r, i) => `规则 ${i + 1}${r.default ? '（默认）' : ''}`,
            create: () => ({ when: { tag: '' }, group: groups[0]?.[0] ?? '' }),
            add: '添加规则',
            item: (p: Path, r) => {
              const kindId = nextId('kind');
              const kind = h(
                'select',
                {
                  id: kindId,
                  onchange: (e: Event) => {
                    const isDefault = (e.target as HTMLSelectElement).value === 'default';
                    const next: RoutingRule | Rule = isDefault ? { default: true, strategy: 'least_busy' } : { when: { tag: '' }, group: r.group ?? '' };
                    form.draft.set(p, next);
                    rerender();
                  },
                },
                h('option', { value: 'when', selected: !r.default }, '条件规则'),
                h('option', { value: 'default', selected: r.default === true }, '默认规则'),
              );
              return [
                h('div', { class: 'row' }, h('label', { for: kindId }, '规则类型'), kind),
                r.default
                  ? null
                  : h('div', { class: 'grid' }, form.text([...p, 'when', 'tag'], '客户标签'), form.text([...p, 'when', 'intent'], '意图'), form.text([...p, 'when', 'channel'], '渠道代码')),
                h('div', { class: 'grid' }, form.select([...p, 'group'], '分组', groups, { empty: r.default ? '（所有分组）' : '（请选择）' }), form.select([...p, 'strategy'], '分配策略', strategies, { empty: '（默认）' })),
              ];
            },
          }),
        ),
      ];
    }),
};
