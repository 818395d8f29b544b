import { ApiError } from '../api/http';
import type { KfAccount } from '../api/shapes';
import { accountProblems, readAccounts, readServicers } from '../logic/pending-routes';
import { fill, h, nextId } from '../ui/dom';
import { errorText, pageHead, panel, statusLine, type Ctx, type Page } from '../ui/page';

/** 客服账号: kf accounts (name ≤ 16 characters, JPG/PNG avatar ≤ 2 MiB) and their servicers, through the WeCom API. */
export const accountsPage: Page = {
  id: 'accounts',
  title: '客服账号',
  render: async (ctx: Ctx) => {
    const list = h('div', {});
    const status = statusLine();
    const reload = async () => {
      try {
        const accounts = readAccounts(await ctx.api.accounts());
        fill(list, accounts.length ? accounts.map((a) => accountCard(ctx, a, reload)) : h('p', { class: 'muted' }, '还没有客服账号。'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) fill(list, h('p', { class: 'notice' }, '此部署尚未提供客服账号接口（/admin/api/kf/accounts）。'));
        else status.say(errorText(e), 'error');
      }
    };
    await reload();
    return h('section', { class: 'page' }, pageHead('客服账号', '微信客服账号与其接待人员，经企业微信接口管理。'), status.el, panel('新建客服账号', accountForm(ctx, null, reload)), panel('账号列表', list));
  },
};

/** Name and avatar, checked here first (the server checks again): a new account, or a change to one (PATCH). */
function accountForm(ctx: Ctx, account: KfAccount | null, done: () => Promise<void>): HTMLElement {
  const ids = { name: nextId('an'), avatar: nextId('aa') };
  const name = h('input', { id: ids.name, maxlength: 16, value: account?.name ?? '', required: account === null });
  const avatar = h('input', { id: ids.avatar, type: 'file', accept: 'image/jpeg,image/png', required: account === null });
  const preview = h('div', { class: 'avatar-preview' });
  const [nameError, avatarError] = [h('div', { class: 'field-error', role: 'alert' }), h('div', { class: 'field-error', role: 'alert' })];
  const status = statusLine();
  avatar.addEventListener('change', () => {
    const file = avatar.files?.[0];
    fill(preview, file ? h('img', { src: URL.createObjectURL(file), alt: '头像预览', width: 64, height: 64 }) : null);
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    const file = avatar.files?.[0];
    const newName = name.value.trim();
    const problems = accountProblems(account && newName === account.name ? undefined : newName, file);
    nameError.textContent = problems.name ?? '';
    avatarError.textContent = problems.avatar ?? '';
    if (problems.name || problems.avatar) return;
    const form = new FormData();
    if (!account || newName !== account.name) form.set('name', newName);
    if (file) form.set('avatar', file);
    status.say('提交中…');
    try {
      if (account) await ctx.api.updateAccount(account.open_kfid, form);
      else status.say(`已创建 ${(await ctx.api.createAccount(form)).open_kfid}`, 'ok');
      if (account) status.say('已更新', 'ok');
      await done();
    } catch (err) {
      status.say(errorText(err), 'error');
    }
  };
  return h(
    'form',
    { onsubmit: submit },
    h('div', { class: 'grid' }, h('div', { class: 'field' }, h('label', { for: ids.name }, '名称（最多 16 个字）'), name, nameError), h('div', { class: 'field' }, h('label', { for: ids.avatar }, '头像（JPG/PNG，≤ 2 MiB）'), avatar, avatarError, preview)),
    h('button', { type: 'submit', class: 'primary' }, account ? '保存修改' : '创建账号'),
    status.el,
  );
}

function accountCard(ctx: Ctx, a: KfAccount, reload: () => Promise<void>): HTMLElement {
  const servicers = h('div', {});
  const edit = h('div', { hidden: true }, accountForm(ctx, a, reload));
  const loadServicers = async () => {
    fill(servicers, '加载中…');
    try {
      const list = readServicers(await ctx.api.servicers(a.open_kfid));
      fill(servicers, servicerEditor(ctx, a.open_kfid, list, loadServicers));
    } catch (e) {
      fill(servicers, h('p', { class: 'error' }, errorText(e)));
    }
  };
  return h(
    'div',
    { class: 'card' },
    h('p', {}, h('b', {}, a.name || '（未命名）'), ' ', h('code', {}, a.open_kfid), a.avatar ? [' · ', h('a', { href: a.avatar, target: '_blank', rel: 'noopener noreferrer' }, '头像')] : null),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', onclick: () => (edit.hidden = !edit.hidden) }, `修改 ${a.name || a.open_kfid}`),
      h('button', { type: 'button', onclick: loadServicers }, `${a.name || a.open_kfid} 的接待人员`),
    ),
    edit,
    servicers,
  );
}

function servicerEditor(ctx: Ctx, openKfid: string, userids: string[], reload: () => Promise<void>): HTMLElement {
  const id = nextId('sv');
  const add = h('textarea', { id, rows: 2, placeholder: '每行一个 userid' });
  const status = statusLine();
  const act = (call: () => Promise<unknown>) => async () => {
    try {
      await call();
      await reload();
    } catch (e) {
      status.say(errorText(e), 'error');
    }
  };
  return h(
    'div',
    {},
    h('ul', {}, userids.length ? userids.map((u) => h('li', {}, u, ' ', h('button', { type: 'button', class: 'danger small', 'aria-label': `移除 ${u}`, onclick: act(() => ctx.api.removeServicers(openKfid, [u])) }, '移除'))) : h('li', { class: 'muted' }, '暂无接待人员')),
    h('div', { class: 'field' }, h('label', { for: id }, '添加接待人员'), add),
    h('button', { type: 'button', onclick: act(() => ctx.api.addServicers(openKfid, add.value.split('\n').map((s) => s.trim()).filter(Boolean))) }, '添加'),
    status.el,
  );
}
