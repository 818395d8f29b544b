import './styles.css';
import { adminApi } from './api/admin';
import { Http } from './api/http';
import { ConsoleSession, type Session } from './api/session';
import type { SessionAnswer } from './api/shapes';
import { ROLES, VIAS } from './logic/labels';
import { accountsPage } from './pages/accounts';
import { channelsPage } from './pages/channels';
import { conversationsPage } from './pages/conversations';
import { corpsPage } from './pages/corps';
import { diagnosticsPage } from './pages/diagnostics';
import { knowledgePage } from './pages/knowledge';
import { linksPage } from './pages/links';
import { releasePage } from './pages/release';
import { repliesPage } from './pages/replies';
import { reportsPage } from './pages/reports';
import { routingPage } from './pages/routing';
import { sensitivePage } from './pages/sensitive';
import { tagRulesPage } from './pages/tag-rules';
import { ConfigDraft } from './ui/config-draft';
import { fill, h, nextId } from './ui/dom';
import { errorText, type Ctx, type Page } from './ui/page';

/**
 * The operators' console: a sign-in, the navigation, and one page at a time, chosen by the URL
 * fragment (#/knowledge), so /console is one static file and every other path stays the Worker's.
 */
export const PAGES: readonly Page[] = [
  accountsPage,
  channelsPage,
  linksPage,
  repliesPage,
  knowledgePage,
  tagRulesPage,
  sensitivePage,
  routingPage,
  releasePage,
  reportsPage,
  conversationsPage,
  diagnosticsPage,
  corpsPage,
];

const session: Session = new ConsoleSession();
const http = new Http(session, () => {
  session.signOut();
  signIn('登录已失效，或令牌无效、已吊销，请重新登录。');
});
const api = adminApi(http);
let draft = new ConfigDraft(api);

const pageOf = (hash: string, pages: readonly Page[]): Page => pages.find((p) => `#/${p.id}` === hash) ?? pages.find((p) => p.id === 'reports')!;

/** The provider acts for another corp: every request carries its X-Corp-Id, the draft and pages start over in it. */
async function enterCorp(corpId: string | null): Promise<void> {
  const before = session.corp;
  session.pickCorp(corpId);
  let who: SessionAnswer;
  try {
    who = await api.session();
  } catch (e) {
    // The corp is no longer one to act for (cancelled meanwhile): stay where we were, and say why.
    session.pickCorp(before);
    window.alert(errorText(e));
    return;
  }
  draft = new ConfigDraft(api);
  shell(who);
}

/** The sign-in: WeCom QR code (a navigation to /auth/wecom, which comes back with the session cookie), or a pasted admin token. */
function signIn(message = ''): void {
  const id = nextId('token');
  const token = h('input', { id, type: 'password', autocomplete: 'off', required: true });
  const status = h('p', { class: message ? 'status error' : 'status', role: 'status' }, message);
  const submit = async (e: Event) => {
    e.preventDefault();
    session.signIn(token.value);
    status.textContent = '验证中…';
    try {
      const who = await api.session();
      draft = new ConfigDraft(api);
      shell(who);
    } catch (err) {
      session.signOut();
      status.textContent = errorText(err);
      status.className = 'status error';
    }
  };
  fill(
    document.body,
    h(
      'main',
      { class: 'signin' },
      h('h1', {}, '客服控制台'),
      h('a', { href: '/auth/wecom', class: 'button primary wide' }, '企业微信扫码登录'),
      h('p', { class: 'muted' }, '用企业微信扫码，授权名单中的成员按其角色登录。'),
      h('form', { onsubmit: submit }, h('label', { for: id }, '管理令牌（Bearer token）'), token, h('button', { type: 'submit', class: 'primary' }, '登录'), status),
      h('p', { class: 'muted' }, '令牌只保存在本标签页的会话存储中，关闭标签页即清除。'),
    ),
  );
}

function shell(who: SessionAnswer): void {
  const pages = PAGES.filter((p) => !p.providerOnly || who.provider);
  const nav = h(
    'nav',
    { 'aria-label': '主导航' },
    h('ul', {}, pages.map((p) => h('li', {}, h('a', { href: `#/${p.id}`, 'data-page': p.id }, p.title)))),
  );
  const main = h('main', { id: 'main', tabindex: -1 });
  const out = async () => {
    // A QR session ends on the server (the cookie stops working everywhere); a token is only forgotten here.
    if (session.via === 'session') await api.signOut().catch(() => undefined);
    session.signOut();
    signIn();
  };
  fill(
    document.body,
    h('a', { href: '#main', class: 'skip' }, '跳到主要内容'),
    h(
      'header',
      { class: 'top' },
      h('span', { class: 'brand' }, '客服控制台'),
      h(
        'span',
        { class: 'who' },
        h('span', { 'data-who': who.id }, `${who.name}（${ROLES[who.role]} · ${VIAS[who.via]}）`),
        h('span', { 'data-corp': who.corp_id }, `企业 ${who.corp_id}${who.provider ? '（服务商）' : ''}`),
        h('button', { type: 'button', onclick: () => void out() }, '退出登录'),
      ),
    ),
    h('div', { class: 'layout' }, nav, main),
  );
  const ctx: Ctx = {
    api,
    who,
    draft,
    go: (id) => (location.hash === `#/${id}` ? void show() : void (location.hash = `#/${id}`)),
    enterCorp: (corpId) => void enterCorp(corpId),
    picked: session.corp,
  };
  let shown = 0;
  const show = async () => {
    const page = pageOf(location.hash, pages);
    for (const a of nav.querySelectorAll('a')) a.toggleAttribute('aria-current', a.dataset['page'] === page.id);
    nav.querySelector('[aria-current]')?.setAttribute('aria-current', 'page');
    document.title = `${page.title} · 客服控制台`;
    const turn = ++shown;
    fill(main, h('p', { class: 'muted' }, '加载中…'));
    let el: HTMLElement;
    try {
      el = await page.render(ctx);
    } catch (e) {
      el = h('p', { class: 'status error' }, errorText(e));
    }
    // A later navigation wins over a slower earlier page.
    if (turn === shown) fill(main, el);
  };
  window.onhashchange = () => void show();
  // The open page's own entry reloads it (the hash does not change, so no hashchange fires).
  nav.addEventListener('click', (e) => {
    if (e.target instanceof HTMLAnchorElement && e.target.hash === location.hash) void show();
  });
  void show();
}

/** A pasted token or the session cookie (GET /session adopts its CSRF token); otherwise the sign-in. */
async function start(): Promise<void> {
  const hadToken = session.via === 'token';
  try {
    // A corp picked in this tab that has since cancelled is dropped: the provider lands on its own.
    const who = await api.session().catch((e: unknown) => {
      if (!session.corp) throw e;
      session.pickCorp(null);
      return api.session();
    });
    if (who.csrf_token) session.adopt(who.csrf_token);
    shell(who);
  } catch {
    // No cookie session is the usual first visit, not a failure; a kept token that no longer works is said.
    session.signOut();
    signIn(hadToken ? '令牌无效或已吊销，请重新登录。' : '');
  }
}
void start();
