/**
 * The web channel's consult button, served as `/widget.js` (./widget.ts). A site adds
 *
 *   <script src="https://<worker>/widget.js" data-channel="CODE" async></script>
 *
 * and gets a floating <button> that opens the channel's kf link with this page's path in its
 * scene_param. Optional: `data-label` (the button's text, default 咨询客服), `data-position="left"`,
 * and `data-corp="<corpid>"` for a channel of an authorized corp in many-corps mode (passed on as
 * `?corp=`; without it the deployment's own corp).
 *
 * Written for a strict Content-Security-Policy on the host page: no eval, no inline event
 * handlers, no style attributes or <style> elements; styles go through the CSSOM
 * (element.style), which style-src does not govern. The link is read from the public
 * `/channels/CODE/link.json` without credentials; the button appears only once it is known, so it
 * never leads nowhere. Kept as plain ES2017 so it needs no build step.
 */
export const WIDGET_JS = `(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || !script.src) return;
  const tag = '[wecom-kefu widget]';
  const code = script.getAttribute('data-channel') || '';
  if (!/^[0-9A-Za-z_-]{1,32}$/.test(code)) {
    console.warn(tag, 'data-channel is missing or not a channel code');
    return;
  }
  const label = (script.getAttribute('data-label') || '咨询客服').slice(0, 20);
  const side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';
  const corp = script.getAttribute('data-corp');
  const endpoint = new URL('/channels/' + code + '/link.json', script.src);
  endpoint.searchParams.set('page', location.pathname);
  if (corp) endpoint.searchParams.set('corp', corp);

  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-label', label + '（在微信中打开客服对话）');
  button.setAttribute('data-wecom-kefu', code);
  const style = button.style;
  style.position = 'fixed';
  style.bottom = '24px';
  style[side] = '24px';
  style.zIndex = '2147483000';
  style.padding = '12px 20px';
  style.border = '0';
  style.borderRadius = '24px';
  style.background = '#07c160';
  style.color = '#fff';
  style.font = '600 15px/1.2 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif';
  style.boxShadow = '0 4px 14px rgba(0, 0, 0, 0.2)';
  style.cursor = 'pointer';
  // The browser's own focus ring stays: keyboard users must see where they are.

  const open = (url) => {
    // Inside WeChat the kf link opens in place; elsewhere in a new tab, without access back to this page.
    if (/MicroMessenger/i.test(navigator.userAgent)) {
      location.href = url;
      return;
    }
    const opened = window.open(url, '_blank');
    if (opened) opened.opener = null;
    else location.href = url;
  };

  const mount = () => document.body.appendChild(button);
  fetch(endpoint.href, { credentials: 'omit' })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
    .then((link) => {
      if (!link || typeof link.url !== 'string' || !/^https:\\/\\//.test(link.url)) throw new Error('no https link');
      button.addEventListener('click', () => open(link.url));
      if (document.body) mount();
      else document.addEventListener('DOMContentLoaded', mount);
    })
    .catch((e) => console.warn(tag, 'no consult link for channel ' + code + ':', e.message));
})();
`;
