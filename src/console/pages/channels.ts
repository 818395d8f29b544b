import type { Channel } from '../../rules/config';
import type { Ctx, Page } from '../ui/page';
import { configPage, listEditor } from '../ui/page';
import { CHANNEL_TYPES } from '../logic/labels';
import { h } from '../ui/dom';
import type { Path } from '../logic/paths';
import { channelLinkBox } from './channel-link';

/** 渠道活码: channels (one kf link each, with its scene code, params and auto tags), their link and QR code. */
export const channelsPage: Page = {
  id: 'channels',
  title: '渠道活码',
  render: (ctx: Ctx) =>
    configPage(ctx, '渠道活码', '每个渠道一条带场景值的客服链接：客户从哪里进来、带什么参数、自动打什么标签。链接在渠道发布后生成一次，之后只读取。', (form, rerender) => {
      const links = (ctx.draft.doc.links ?? []).map((l) => [l.open_kfid, `${l.name}（${l.open_kfid}）`] as const);
      return listEditor<Partial<Channel>>(form, rerender, ['channels'], {
        title: (c, i) => `渠道 ${i + 1}${c.name ? `：${c.name}` : ''}`,
        create: () => ({ code: '', name: '', type: 'web' }),
        add: '添加渠道',
        empty: '还没有渠道。',
        item: (p: Path, c) => [
          h(
            'div',
            { class: 'grid' },
            form.text([...p, 'code'], '渠道代码', { hint: '1-32 位字母、数字、_ 或 -，即活码的 scene' }),
            form.text([...p, 'name'], '渠道名称'),
            form.select([...p, 'type'], '渠道类型', Object.entries(CHANNEL_TYPES)),
            links.length ? form.select([...p, 'open_kfid'], '客服账号', links, { empty: '（唯一的客服账号）' }) : form.text([...p, 'open_kfid'], '客服账号 open_kfid'),
          ),
          h('div', { class: 'grid' }, form.pairs([...p, 'params'], '渠道参数', { placeholder: 'store_id=BJ001' }), form.lines([...p, 'auto_tag'], '自动标签')),
          c.code ? channelLinkBox(ctx.api, c.code, c.name ?? '') : null,
        ],
      });
    }),
};

