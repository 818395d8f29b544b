import type { AuditEntry } from '../api/shapes';
import { dateTime } from '../logic/format';
import { ROLES, VIAS } from '../logic/labels';
import { fill, h } from '../ui/dom';
import { errorView, panel, type Ctx } from '../ui/page';
import { dataTable } from '../ui/table';

/** 操作记录 (on 设置检查): GET /audit, newest first, 50 at a time with 加载更多; admins only. */
export function auditPanel(ctx: Ctx): HTMLElement {
  if (ctx.who.role !== 'admin') return panel('操作记录', h('p', { class: 'muted' }, '仅管理员可查看操作记录。'));
  const holder = h('div', {}, h('p', { class: 'muted' }, '加载中…'));
  const rows: AuditEntry[] = [];
  const load = async (cursor?: string) => {
    try {
      const page = await ctx.api.audit(cursor);
      rows.push(...page.items);
      const more = page.next_cursor;
      fill(
        holder,
        dataTable({
          id: 'audit-log',
          caption: `最近 ${rows.length} 条写操作与登录`,
          columns: [{ label: '时间' }, { label: '操作人' }, { label: '角色' }, { label: '方式' }, { label: '请求' }, { label: '结果' }, { label: '摘要' }],
          rows: rows.map((r) => [dateTime(r.at), `${r.principal_name}（${r.principal_id}）`, ROLES[r.role], VIAS[r.via], `${r.method} ${r.path}`, r.status, r.summary || '—']),
          empty: '还没有写操作',
        }),
        more ? h('button', { type: 'button', onclick: () => void load(more) }, '加载更多') : null,
      );
    } catch (e) {
      fill(holder, errorView(e));
    }
  };
  void load();
  return panel('操作记录', h('p', { class: 'muted' }, '每一次成功的写操作（管理令牌或扫码登录的人）与登录、退出，谁、何时、做了什么；不含密钥与客户标识。'), holder);
}
