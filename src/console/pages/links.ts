import type { Link, Period } from '../../rules/config';
import { periodTitle } from '../logic/format';
import { previewTemplate } from '../logic/templates';
import { WEEKDAYS } from '../logic/labels';
import type { Path } from '../logic/paths';
import { h } from '../ui/dom';
import type { ConfigForm } from '../ui/form';
import { configPage, listEditor, type Ctx, type Page } from '../ui/page';

/** 接待规则: per kf account, working periods, holidays, time zone, capacity and the queue and off-hours texts. */
export const linksPage: Page = {
  id: 'links',
  title: '接待规则',
  render: (ctx: Ctx) =>
    configPage(ctx, '接待规则', '每个客服账号的工作时间（一天可多个时段，可跨午夜）、节假日、时区、每位客服的接待上限、排队提示与非工作时间回复。', (form, rerender) =>
      listEditor<Partial<Link>>(form, rerender, ['links'], {
        title: (l, i) => `接待规则 ${i + 1}${l.name ? `：${l.name}` : ''}`,
        create: () => ({ open_kfid: '', name: '', timezone: 'Asia/Shanghai' }),
        add: '添加客服账号的接待规则',
        empty: '还没有接待规则。',
        item: (p: Path) => [
          h('div', { class: 'grid' }, form.text([...p, 'open_kfid'], '客服账号 open_kfid'), form.text([...p, 'name'], '名称'), form.text([...p, 'timezone'], '时区', { hint: 'IANA 名称，如 Asia/Shanghai' })),
          h('h3', {}, '工作时段'),
          h('p', { class: 'muted' }, '不设时段即全天接待；结束早于开始的时段跨过午夜（如 22:00-02:00）。'),
          listEditor<Partial<Period>>(form, rerender, [...p, 'working_hours'], {
            title: periodTitle,
            create: () => ({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }),
            add: '添加时段',
            item: (wp: Path) => [
              form.multi([...wp, 'days'], '星期', WEEKDAYS.map((d, k) => [k + 1, `周${d}`] as const)),
              h('div', { class: 'grid' }, form.text([...wp, 'start'], '开始', { type: 'time' }), form.text([...wp, 'end'], '结束', { type: 'time' })),
            ],
          }),
          h('div', { class: 'grid' }, form.lines([...p, 'holidays'], '节假日', { hint: '每行一个日期 YYYY-MM-DD，当天不接待' }), form.number([...p, 'max_concurrent_per_servicer'], '每位客服同时接待上限', { min: 1, max: 1000, placeholder: '5' })),
          previewed(form, [...p, 'queue_prompt'], '排队提示', 'queue_prompt', '可用 {position}（排第几位）和 {wait_minutes}（预计等待分钟）'),
          previewed(form, [...p, 'off_hours_reply'], '非工作时间回复', 'off_hours_reply', '可用 {next_open}（下次上班时间）'),
          h('div', { class: 'grid' }, form.text([...p, 'backup_open_kfid'], '备用客服账号 open_kfid', { hint: '机器人故障时转人工提示里附上它的链接' }), form.text([...p, 'welcome'], '此账号的欢迎语', { multiline: true })),
        ],
      }),
    ),
};

/** A system text with its live preview, placeholders filled with sample values as the bot fills them. */
function previewed(form: ConfigForm, path: Path, label: string, key: 'queue_prompt' | 'off_hours_reply', hint: string): HTMLElement {
  const field = form.text(path, label, { multiline: true, hint });
  const out = h('p', { class: 'preview', 'aria-live': 'polite' });
  const update = () => {
    const value = form.value(path);
    const p = previewTemplate(key, typeof value === 'string' ? value : undefined);
    out.textContent = `预览${p.builtin ? '（未填写，使用默认文案）' : ''}：${p.text}${p.unknown.length ? `　⚠ 不会被替换的占位符：${p.unknown.map((u) => `{${u}}`).join(' ')}` : ''}`;
    out.classList.toggle('warn', p.unknown.length > 0);
  };
  field.querySelector('textarea')?.addEventListener('input', update);
  update();
  field.appendChild(out);
  return field;
}
