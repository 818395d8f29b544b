import type { AdminApi } from '../api/admin';
import { ApiError } from '../api/api-error';
import type { ChannelLink } from '../api/shapes';
import { channelFile, sameOrigin } from '../logic/poster';
import { download, fill, h, nextId, showBlob } from '../ui/dom';
import { keepLogo, keptLogo } from '../ui/logo';
import { errorView, statusLine } from '../ui/page';
import { posterPng, qrPng } from '../ui/poster';

/**
 * A channel's kf link and what is made from it: the QR code (SVG, and a PNG drawn from it), the web
 * page's `<script>` and the mini-program's call, and a printable poster. Reading never changes
 * anything (GET answers 404 until the link was made); 生成链接 makes it (POST, operator).
 */
export function channelLinkBox(api: AdminApi, code: string, name: string): HTMLElement {
  const out = h('div', { class: 'link-out' });
  const show = async () => {
    fill(out, '获取中…');
    try {
      fill(out, await linkView(api, code, name, await api.channelLink(code)));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) return fill(out, errorView(e));
      fill(out, h('p', { class: 'notice' }, `渠道 ${code} 还没有客服链接。生成后即可得到二维码、网页按钮代码和小程序代码（渠道需已保存并发布）。`), h('button', { type: 'button', class: 'primary', onclick: make }, '生成链接'));
    }
  };
  const make = async () => {
    fill(out, '生成中…');
    try {
      fill(out, await linkView(api, code, name, await api.makeChannelLink(code)));
    } catch (e) {
      fill(out, errorView(e), h('p', { class: 'muted' }, '渠道需先保存为新版本并在「灰度发布」中发布。'));
    }
  };
  return h('div', { class: 'link-box' }, h('button', { type: 'button', onclick: show }, `${code} 的链接与二维码`), out);
}

async function linkView(api: AdminApi, code: string, name: string, link: ChannelLink): Promise<HTMLElement> {
  const [qr, snippets] = await Promise.all([api.channelQr(code), api.channelSnippets(code)]);
  const status = statusLine();
  const saveQrPng = async () => {
    try {
      download(channelFile(code, 'qr', 'png'), await qrPng(qr), 'image/png');
    } catch (e) {
      status.fail(e);
    }
  };
  return h(
    'div',
    { 'data-channel-link': code },
    h('p', {}, h('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer' }, link.url)),
    link.scene_param ? h('p', { class: 'muted' }, `scene_param：${link.scene_param}`) : null,
    h('img', { src: URL.createObjectURL(qr), alt: `渠道 ${code} 的二维码`, class: 'qr', width: 160, height: 160 }),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', onclick: () => download(channelFile(code, 'qr', 'svg'), qr, 'image/svg+xml') }, '下载二维码 SVG'),
      h('button', { type: 'button', onclick: saveQrPng }, '下载二维码 PNG'),
    ),
    snippet('网页按钮（加在网页中）', snippets.web),
    snippet('小程序（放在按钮的点击处理中）', snippets.miniprogram),
    posterPanel(api, code, name, link.open_kfid, qr),
    status.el,
  );
}

/** A code snippet to copy: the clipboard when the browser allows it, else the text selected for Ctrl+C. */
function snippet(label: string, text: string): HTMLElement {
  const id = nextId('sn');
  const box = h('textarea', { id, readonly: true, rows: Math.min(8, text.split('\n').length + 1), class: 'code' }, text);
  const status = statusLine();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.say('已复制', 'ok');
    } catch {
      box.select();
      status.say('浏览器不允许写入剪贴板：已选中，请按 Ctrl+C（⌘C）复制。');
    }
  };
  return h('div', { class: 'field' }, h('label', { for: id }, label), box, h('div', { class: 'row' }, h('button', { type: 'button', onclick: copy, 'aria-label': `复制${label}` }, '复制'), status.el));
}

/**
 * The printable poster. Its logo: the kf account's avatar when this origin serves it (WeCom's own
 * host is another origin, which the CSP and the canvas refuse), else the image kept in this tab.
 */
function posterPanel(api: AdminApi, code: string, name: string, openKfid: string, qr: Blob): HTMLElement {
  const id = nextId('logo');
  const input = h('input', { id, type: 'file', accept: 'image/png,image/jpeg' });
  const preview = h('div', { class: 'poster-preview' });
  const status = statusLine();
  const logoNote = h('small', { class: 'hint' });
  const note = () => (logoNote.textContent = keptLogo() ? '将使用本标签页中最近上传的图片作标志；可在此更换。' : '尚未选择标志：可在此上传，或在「客服账号」上传头像后自动使用。');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) keepLogo(file);
    note();
  });
  note();
  const make = async () => {
    status.say('生成中…');
    try {
      const poster = await posterPng(name || code, qr, await posterLogo(api, openKfid));
      showBlob(preview, poster, `渠道 ${name || code} 的海报`, { class: 'poster' });
      download(channelFile(code, 'poster', 'png'), poster, 'image/png');
      status.say('海报已生成并下载，可直接打印。', 'ok');
    } catch (e) {
      status.fail(e);
    }
  };
  return h(
    'fieldset',
    { class: 'poster-panel' },
    h('legend', {}, '海报'),
    h('div', { class: 'field' }, h('label', { for: id }, '公司标志（JPG/PNG，只保存在本标签页）'), input, logoNote),
    h('button', { type: 'button', onclick: make }, '生成海报 PNG'),
    status.el,
    preview,
  );
}

async function posterLogo(api: AdminApi, openKfid: string): Promise<Blob | null> {
  const avatar = (await api.accounts().catch(() => null))?.accounts.find((a) => a.open_kfid === openKfid)?.avatar;
  if (avatar && sameOrigin(avatar, location.origin)) {
    const r = await fetch(avatar, { credentials: 'same-origin' }).catch(() => null);
    if (r?.ok) return r.blob();
  }
  return keptLogo();
}
