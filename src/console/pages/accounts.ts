import { ApiError } from '../api/api-error';
import type { KfAccount, ServicerChangeAnswer, ServicersAnswer } from '../api/shapes';
import { accountProblems, formProblems, servicerChange, servicerLines, servicerStatus, servicerWho, type AccountProblems } from '../logic/kf-accounts';
import { fill, h, nextId, showBlob } from '../ui/dom';
import { keepLogo } from '../ui/logo';
import { errorView, pageHead, panel, statusLine, type Ctx, type Page } from '../ui/page';

/** 客服账号: kf accounts (name ≤ 16 characters, JPG/PNG avatar ≤ 2 MiB) and their servicers, through the WeCom API. */
export const accountsPage: Page = {
  id: 'accounts',
  title: '客服账号',
  render: async (ctx: Ctx) => {
    const list = h('div', {});
    const reload = async () => {
      try {
        const { accounts } = await ctx.api.accounts();
        fill(list, accounts.length ? accounts.map((a) => accountCard(ctx, a, reload)) : h('p', { class: 'muted' }, '还没有客服账号。'));
      } catch (e) {
        fill(list, errorView(e));
      }
    };
    await reload();
    return h('section', { class: 'page' }, pageHead('客服账号', '微信客服账号与其接待人员，经企业微信接口管理。'), panel('新建客服账号', accountForm(ctx, null, reload)), panel('账号列表', list));
  },
};

/** Name and avatar, checked here by the server's own rules first: a new account, or a change to one (PATCH). */
function accountForm(ctx: Ctx, account: KfAccount | null, done: () => Promise<void>): HTMLElement {
  const ids = { name: nextId('an'), avatar: nextId('aa') };
  const name = h('input', { id: ids.name, value: account?.name ?? '', required: account === null });
  const avatar = h('input', { id: ids.avatar, type: 'file', accept: 'image/jpeg,image/png', required: account === null });
  const preview = h('div', { class: 'avatar-preview' });
  const errors = { name: h('div', { class: 'field-error', role: 'alert' }), avatar: h('div', { class: 'field-error', role: 'alert' }) };
  const status = statusLine();
  const show = (problems: AccountProblems) => {
    for (const key of ['name', 'avatar'] as const) {
      errors[key].textContent = problems[key] ?? '';
      const control = key === 'name' ? name : avatar;
      if (problems[key]) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
  };
  avatar.addEventListener('change', () => showBlob(preview, avatar.files?.[0], '头像预览', { width: 64, height: 64 }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const file = avatar.files?.[0];
    const newName = name.value.trim();
    const changedName = account && newName === account.name ? undefined : newName;
    const problems = await accountProblems(changedName, file);
    if (!account && !file) problems.avatar = '请选择头像图片（JPG 或 PNG）';
    show(problems);
    if (problems.name || problems.avatar) return;
    if (account && changedName === undefined && !file) return status.say('名称和头像都没有改动。');
    const form = new FormData();
    if (changedName !== undefined) form.set('name', changedName);
    if (file) form.set('avatar', file);
    status.say('提交中…');
    try {
      const { open_kfid } = account ? await ctx.api.updateAccount(account.open_kfid, form) : await ctx.api.createAccount(form);
      // The avatar doubles as the company logo on this tab's channel posters.
      if (file) keepLogo(file);
      status.say(account ? `已更新 ${open_kfid}` : `已创建客服账号 ${open_kfid}`, 'ok');
      await done();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) show(formProblems(err.issues));
      status.fail(err);
    }
  };
  const field = (id: string, label: string, control: HTMLElement, error: HTMLElement, ...extra: HTMLElement[]) => {
    control.setAttribute('aria-describedby', (error.id = nextId('e')));
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, error, extra);
  };
  return h(
    'form',
    { onsubmit: submit, novalidate: true },
    h('div', { class: 'grid' }, field(ids.name, '名称（最多 16 个字）', name, errors.name), field(ids.avatar, '头像（JPG/PNG，≤ 2 MiB）', avatar, errors.avatar, preview)),
    h('button', { type: 'submit', class: 'primary' }, account ? '保存修改' : '创建账号'),
    status.el,
  );
}

function accountCard(ctx: Ctx, a: KfAccount, reload: () => Promise<void>): HTMLElement {
  const label = a.name || a.open_kfid;
  const servicers = h('div', {});
  const edit = h('div', { hidden: true }, accountForm(ctx, a, reload));
  const loadServicers = async (outcome?: ServicerChangeAnswer) => {
    try {
      fill(servicers, servicerEditor(ctx, a.open_kfid, await ctx.api.servicers(a.open_kfid), loadServicers, outcome));
    } catch (e) {
      fill(servicers, errorView(e));
    }
  };
  return h(
    'div',
    { class: 'card' },
    // The avatar is WeCom's image on another origin: linked, not shown (the CSP loads images from this origin only).
    h('p', {}, h('b', {}, a.name || '（未命名）'), ' ', h('code', {}, a.open_kfid), a.avatar ? [' · ', h('a', { href: a.avatar, target: '_blank', rel: 'noopener noreferrer' }, '头像')] : null),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', onclick: () => (edit.hidden = !edit.hidden) }, `修改 ${label}`),
      h('button', { type: 'button', onclick: () => loadServicers() }, `${label} 的接待人员`),
    ),
    edit,
    servicers,
  );
}

/** The account's servicers (users with their status, departments), and a change with WeCom's answer per item. */
function servicerEditor(ctx: Ctx, openKfid: string, current: ServicersAnswer, reload: (outcome?: ServicerChangeAnswer) => Promise<void>, outcome?: ServicerChangeAnswer): HTMLElement {
  const ids = { users: nextId('sv'), departments: nextId('sd') };
  const users = h('textarea', { id: ids.users, rows: 2, placeholder: '每行一个成员账号（userid）' });
  const departments = h('input', { id: ids.departments, inputmode: 'numeric', placeholder: '如 2, 5' });
  const status = statusLine();
  const change = (call: () => Promise<ServicerChangeAnswer>) => async () => {
    status.say('提交中…');
    try {
      await reload(await call());
    } catch (e) {
      status.fail(e);
    }
  };
  const add = () => {
    const { bad, ...lists } = servicerChange(users.value, departments.value);
    if (bad.length) return status.say(`不是部门 ID：${bad.join('、')}`, 'error');
    if (!lists.userid_list.length && !lists.department_id_list.length) return status.say('请填写成员账号或部门 ID。', 'error');
    return change(() => ctx.api.addServicers(openKfid, lists))();
  };
  const lines = outcome ? servicerLines(outcome.results) : [];
  return h(
    'div',
    { class: 'servicers' },
    h('h3', {}, '接待人员'),
    h(
      'ul',
      {},
      current.servicer_list.length
        ? current.servicer_list.map((s) => {
            const who = servicerWho(s);
            const list = s.userid !== undefined ? { userid_list: [s.userid] } : { department_id_list: [s.department_id!] };
            return h('li', {}, who, ' ', h('span', { class: 'tag gray' }, servicerStatus(s)), ' ', h('button', { type: 'button', class: 'danger small', 'aria-label': `移除 ${who}`, onclick: change(() => ctx.api.removeServicers(openKfid, list)) }, '移除'));
          })
        : h('li', { class: 'muted' }, '暂无接待人员'),
    ),
    lines.length
      ? h('ul', { class: 'results', 'aria-label': '上次操作的结果' }, lines.map((l) => h('li', { class: l.ok ? 'ok' : 'bad' }, l.ok ? '✓ ' : '✗ ', l.text, l.fix ? h('span', { class: 'fix' }, `修复：${l.fix}`) : null)))
      : null,
    h('div', { class: 'grid' }, h('div', { class: 'field' }, h('label', { for: ids.users }, '添加成员（userid）'), users), h('div', { class: 'field' }, h('label', { for: ids.departments }, '添加部门（部门 ID）'), departments)),
    h('button', { type: 'button', onclick: add }, '添加接待人员'),
    status.el,
  );
}
