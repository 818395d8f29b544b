import type { CorpSummary } from '../api/shapes';
import { dateTime } from '../logic/format';
import { AUTH_MODES, CORP_STATES, LICENSE_STATES } from '../logic/labels';
import { fill, h, nextId } from '../ui/dom';
import { errorView, pageHead, panel, statusLine, type Ctx, type Page } from '../ui/page';
import { dataTable } from '../ui/table';

/**
 * 企业列表 (the provider admin of many-corps mode only): the corps that authorized the suite with
 * their state and what their sign-in needs, 进入 to act for one (the console then sends its id
 * as X-Corp-Id), and a fresh install link with its QR code for the next corp.
 */
export const corpsPage: Page = {
  id: 'corps',
  title: '企业列表',
  providerOnly: true,
  render: async (ctx: Ctx) => {
    const head = pageHead('企业列表', '授权安装了本应用的企业、授权状态与登录所需的信息；进入某个企业即以它的身份管理它的客服。');
    let list: HTMLElement;
    try {
      const { items } = await ctx.api.corps();
      list = dataTable({
        id: 'corps',
        caption: `${items.length} 个企业`,
        columns: [{ label: '企业' }, { label: '企业ID' }, { label: '状态' }, { label: '方式' }, { label: '检查' }, { label: '授权时间' }, { label: '' }],
        rows: items.map((c) => [c.name, c.corp_id, CORP_STATES[c.state], AUTH_MODES[c.auth_mode], checks(c), dateTime(c.authorized_at), c.corp_id]),
        shown: (row) => {
          const corp = items.find((c) => c.corp_id === row[6])!;
          const current = ctx.who.corp_id === corp.corp_id;
          const enter = corp.state === 'active' && !current ? h('button', { type: 'button', class: 'small', 'data-enter': corp.corp_id, onclick: () => ctx.enterCorp(corp.corp_id) }, `进入 ${corp.name}`) : current ? '当前企业' : '—';
          return [...row.slice(0, 6).map((v) => String(v)), enter];
        },
        empty: '还没有企业授权安装本应用',
      });
    } catch (e) {
      list = errorView(e);
    }
    const back = ctx.picked ? h('p', {}, h('button', { type: 'button', onclick: () => ctx.enterCorp(null) }, '回到服务商本企业')) : null;
    return h('section', { class: 'page' }, head, back, list, installPanel(ctx));
  },
};

/** What a corp's sign-in and service need, as one line: ✓ or what is missing, then its 接口许可 state when known. */
function checks(c: CorpSummary): string {
  if (c.state === 'cancelled') return `已于 ${dateTime(c.cancelled_at)} 取消授权，数据已删除`;
  const missing = [c.agent_id === null ? '缺少应用 AgentId（请企业重新授权）' : null, c.installed_by === null ? '未记录授权管理员' : null].filter(Boolean);
  const setup = missing.length ? missing.join('；') : `✓ AgentId ${c.agent_id}，授权管理员 ${c.installed_by}`;
  if (!c.license) return setup;
  const until = c.license.trial_end_at !== null && c.license.state.startsWith('trial') ? `（至 ${dateTime(c.license.trial_end_at)}）` : '';
  return `${setup}；${LICENSE_STATES[c.license.state]}${until}`;
}

/** A link's lifetime as people say it: a third-party link lives 20 minutes, a 代开发 QR code 10 days. */
const lifetime = (seconds: number) => (seconds >= 86_400 ? `${Math.round(seconds / 86_400)} 天` : `${Math.round(seconds / 60)} 分钟`);

function installPanel(ctx: Ctx): HTMLElement {
  const testId = nextId('test');
  const test = h('input', { id: testId, type: 'checkbox' });
  const status = statusLine();
  const out = h('div', {});
  const make = async () => {
    status.say('生成中…');
    try {
      const link = await ctx.api.installLink(test.checked);
      const qr = URL.createObjectURL(await ctx.api.installQr(link.url));
      fill(
        out,
        h('p', { class: 'link-out' }, h('a', { href: link.url, target: '_blank', rel: 'noopener', id: 'install-link' }, link.url)),
        h('img', { src: qr, alt: '安装链接的二维码', class: 'qr', width: 200, height: 200 }),
      );
      status.say(`已生成，${lifetime(link.expires_in)}内有效。请从服务商域名下的页面打开，或让企业管理员用企业微信扫码。`, 'ok');
    } catch (e) {
      status.fail(e);
    }
  };
  return panel(
    '授权安装',
    h('p', { class: 'muted' }, '生成安装链接（代开发模板为授权二维码，10 天内可供多个企业扫码），交给要接入的企业的管理员（需有应用管理权限）扫码授权。「测试安装」只对第三方应用有效。'),
    h('div', { class: 'row' }, test, h('label', { for: testId }, '测试安装（应用尚未上线时）'), h('button', { type: 'button', class: 'primary', onclick: () => void make() }, '生成安装链接')),
    status.el,
    out,
  );
}
