import type { User } from '../api/shapes';
import { dateTime } from '../logic/format';
import { eventLabel, STATES, TAG_SOURCES } from '../logic/labels';
import { eventDetail, sender } from '../logic/timeline';
import { fill, h, nextId } from '../ui/dom';
import { errorText, pageHead, panel, type Ctx, type Page } from '../ui/page';
import { dataTable } from '../ui/table';

/** 会话查询: customers by tag or id (profile, tags and where each came from) and any conversation's timeline. */
export const conversationsPage: Page = {
  id: 'conversations',
  title: '会话查询',
  render: async (ctx: Ctx) => {
    await ctx.draft.load().catch(() => undefined);
    const ids = { tag: nextId('tag'), user: nextId('user'), kf: nextId('kf'), cu: nextId('cu'), kfList: nextId('kfl') };
    const tag = h('input', { id: ids.tag, placeholder: 'VIP' });
    const user = h('input', { id: ids.user, placeholder: 'external_userid' });
    const kf = h('input', { id: ids.kf, list: ids.kfList, placeholder: 'open_kfid', autocomplete: 'off' });
    const customer = h('input', { id: ids.cu, placeholder: 'external_userid' });
    const kfList = h('datalist', { id: ids.kfList }, (ctx.draft.doc.links ?? []).map((l) => h('option', { value: l.open_kfid }, l.name)));
    const people = h('div', { 'aria-live': 'polite' });
    const timeline = h('div', { 'aria-live': 'polite' });

    const showConversation = async (openKfid: string, userid: string) => {
      kf.value = openKfid;
      customer.value = userid;
      fill(timeline, '加载中…');
      try {
        const c = await ctx.api.conversation(openKfid, userid);
        const events = [...c.events].reverse();
        fill(
          timeline,
          h('p', {}, '状态 ', h('span', { class: 'tag' }, STATES[c.state]), ` 分组 ${c.group ?? '—'} · 客服 ${c.servicer ?? '—'} · 共 ${c.events.length} 条事件`),
          c.context && Object.keys(c.context).length ? h('p', { class: 'muted' }, `上下文：${JSON.stringify(c.context)}`) : null,
          dataTable({
            id: 'timeline',
            caption: '时间线（最新在前）',
            columns: [{ label: '时间' }, { label: '事件' }, { label: '发送者' }, { label: '内容' }],
            rows: events.map((e) => [dateTime(e.at), eventLabel(e.type), sender(e) ?? '', eventDetail(e)]),
            empty: '这位客户在该客服账号下还没有会话记录',
          }),
        );
      } catch (e) {
        fill(timeline, h('p', { class: 'error' }, errorText(e)));
      }
    };
    const userRow = (u: User) => h('button', { type: 'button', class: 'link', onclick: () => showProfile(u.external_userid) }, u.external_userid);
    const showProfile = async (id: string) => {
      fill(people, '加载中…');
      try {
        const u = await ctx.api.user(id);
        fill(
          people,
          h('dl', { class: 'profile' }, [
            ['客户', u.external_userid],
            ['昵称', u.nickname ?? '—'],
            ['渠道', u.channel ?? '—'],
            ['渠道参数', u.scene_param ?? '—'],
            ['语言', u.language ?? '—'],
            ['客服账号', u.open_kfid ?? '—'],
            ['首次出现', dateTime(u.first_seen)],
            ['最近出现', dateTime(u.last_seen)],
          ].map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
          dataTable({
            id: 'tags',
            caption: '标签与来源',
            columns: [{ label: '标签' }, { label: '来源' }, { label: '依据' }, { label: '添加时间' }],
            rows: u.tag_details.map((t) => [t.tag, TAG_SOURCES[t.source], t.source_ref ?? '', dateTime(t.added_at)]),
          }),
          u.open_kfid ? h('button', { type: 'button', onclick: () => showConversation(u.open_kfid!, u.external_userid) }, '查看此客户的会话') : null,
        );
      } catch (e) {
        fill(people, h('p', { class: 'error' }, errorText(e)));
      }
    };
    const byTag = async (e: Event) => {
      e.preventDefault();
      if (!tag.value.trim()) return;
      fill(people, '查找中…');
      try {
        const page = await ctx.api.users(tag.value.trim());
        fill(
          people,
          dataTable({
            id: 'users',
            caption: `标签「${tag.value.trim()}」的客户（${page.items.length}${page.next_cursor ? '+' : ''}）`,
            columns: [{ label: '客户' }, { label: '标签' }, { label: '渠道' }, { label: '最近出现' }],
            rows: page.items.map((u) => [u.external_userid, u.tags.join('、'), u.channel ?? '', dateTime(u.last_seen)]),
            shown: (row) => {
              const u = page.items.find((x) => x.external_userid === row[0])!;
              return [userRow(u), String(row[1]), String(row[2]), String(row[3])];
            },
          }),
        );
      } catch (err) {
        fill(people, h('p', { class: 'error' }, errorText(err)));
      }
    };
    return h(
      'section',
      { class: 'page' },
      pageHead('会话查询', '按标签或客户 ID 找到客户，查看画像、标签来源和任一会话的完整时间线。'),
      panel(
        '找客户',
        h('form', { class: 'row', onsubmit: byTag }, h('label', { for: ids.tag }, '标签'), tag, h('button', { type: 'submit' }, '按标签查找')),
        h('form', { class: 'row', onsubmit: (e: Event) => (e.preventDefault(), user.value.trim() && void showProfile(user.value.trim())) }, h('label', { for: ids.user }, '客户 ID'), user, h('button', { type: 'submit' }, '查看客户')),
        people,
      ),
      panel(
        '会话时间线',
        h(
          'form',
          { class: 'row', onsubmit: (e: Event) => (e.preventDefault(), kf.value.trim() && customer.value.trim() && void showConversation(kf.value.trim(), customer.value.trim())) },
          h('label', { for: ids.kf }, '客服账号'),
          kf,
          kfList,
          h('label', { for: ids.cu }, '客户'),
          customer,
          h('button', { type: 'submit' }, '查看会话'),
        ),
        timeline,
      ),
    );
  },
};
