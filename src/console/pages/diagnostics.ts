import { h } from '../ui/dom';
import { errorView, pageHead, type Ctx, type Page } from '../ui/page';
import { auditPanel } from './audit-log';

/** 设置检查: GET /diagnostics, each check with what to fix. */
export const diagnosticsPage: Page = {
  id: 'diagnostics',
  title: '设置检查',
  render: async (ctx: Ctx) => {
    const head = pageHead('设置检查', '逐项检查密钥、access_token、微信客服 API、可信 IP、回调地址、时钟与配置是否就绪，并给出修复方法。');
    let body: HTMLElement;
    try {
      const { checks } = await ctx.api.diagnostics();
      const failing = checks.filter((c) => !c.ok).length;
      body = h(
        'div',
        {},
        h('p', { class: failing ? 'status error' : 'status ok' }, failing ? `${failing} 项需要处理` : `全部 ${checks.length} 项通过`),
        h('ul', { class: 'checks' }, checks.map((c) => h('li', { class: c.ok ? 'ok' : 'bad', 'data-check': c.id }, h('b', {}, c.ok ? '✓ ' : '✗ ', c.id), ` ${c.message}`, !c.ok && c.fix ? h('span', { class: 'fix' }, `修复：${c.fix}`) : null))),
      );
    } catch (e) {
      body = errorView(e);
    }
    return h('section', { class: 'page' }, head, body, auditPanel(ctx));
  },
};
