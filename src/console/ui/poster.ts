import { fitText, POSTER_CAPTION, posterLayout, sizedSvg } from '../logic/poster';

/**
 * Images drawn in the browser from what the console already holds (the QR's SVG, a logo kept in
 * the tab): a canvas fed only blob: URLs of this page stays exportable, and the CSP allows them.
 */

const FONT = 'system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

async function loadImage(blob: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(blob);
  try {
    return await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error('图片无法读取：请换一张 JPG 或 PNG 图片'));
      img.src = url;
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function svgImage(svg: Blob, px: number): Promise<HTMLImageElement> {
  return loadImage(new Blob([sizedSvg(await svg.text(), px)], { type: 'image/svg+xml' }));
}

function canvas(width: number, height: number): { el: HTMLCanvasElement; g: CanvasRenderingContext2D } {
  const el = document.createElement('canvas');
  el.width = width;
  el.height = height;
  const g = el.getContext('2d');
  if (!g) throw new Error('浏览器不支持画布，无法生成图片');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  return { el, g };
}

const png = (el: HTMLCanvasElement): Promise<Blob> => new Promise((resolve, reject) => el.toBlob((b) => (b ? resolve(b) : reject(new Error('无法导出 PNG'))), 'image/png'));

/** The QR code as a PNG of `px` square pixels. */
export async function qrPng(svg: Blob, px = 1024): Promise<Blob> {
  const { el, g } = canvas(px, px);
  g.drawImage(await svgImage(svg, px), 0, 0, px, px);
  return png(el);
}

/** The printable poster: the logo (if any), the channel's name, the QR code and what to do. */
export async function posterPng(title: string, svg: Blob, logo: Blob | null): Promise<Blob> {
  const logoImg = logo ? await loadImage(logo) : null;
  const layout = posterLayout(logoImg ? { width: logoImg.naturalWidth, height: logoImg.naturalHeight } : null);
  const { el, g } = canvas(layout.width, layout.height);
  if (logoImg && layout.logo) g.drawImage(logoImg, layout.logo.x, layout.logo.y, layout.logo.width, layout.logo.height);
  g.textAlign = 'center';
  g.fillStyle = '#1d2129';
  g.font = `600 ${layout.title.size}px ${FONT}`;
  g.fillText(fitText(title, layout.width - 160, (s: string) => g.measureText(s).width), layout.title.x, layout.title.y);
  g.drawImage(await svgImage(svg, layout.qr.width), layout.qr.x, layout.qr.y, layout.qr.width, layout.qr.height);
  g.fillStyle = '#5b6472';
  g.font = `${layout.caption.size}px ${FONT}`;
  g.fillText(POSTER_CAPTION, layout.caption.x, layout.caption.y);
  return png(el);
}
