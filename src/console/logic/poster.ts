/**
 * A channel's printable poster, laid out before it is drawn: the company logo, the channel's name,
 * the QR code and a line telling customers what to do, centred on a white portrait page (A5 at
 * 200 dpi), the QR large enough to scan from a counter. Pure, so the layout is tested in Node.
 */

export const POSTER = { width: 1180, height: 1660, margin: 90, logoMax: { width: 560, height: 220 }, qr: 860, titleSize: 68, captionSize: 44 } as const;
export const POSTER_CAPTION = '微信扫一扫 · 联系客服';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PosterLayout {
  width: number;
  height: number;
  logo: Box | null;
  /** Text lines: the centre x and the baseline y. */
  title: { x: number; y: number; size: number };
  qr: Box;
  caption: { x: number; y: number; size: number };
}

/** An image scaled to fit a box, never enlarged past twice its size (a small logo stays crisp). */
export function fit(width: number, height: number, max: { width: number; height: number }): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(max.width / width, max.height / height, 2);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** Where everything goes, from the logo's natural size (null: no logo, the rest moves up). */
export function posterLayout(logo: { width: number; height: number } | null): PosterLayout {
  const { width, height, margin } = POSTER;
  const centre = width / 2;
  let y = margin;
  let logoBox: Box | null = null;
  if (logo) {
    const size = fit(logo.width, logo.height, POSTER.logoMax);
    if (size.width > 0) {
      logoBox = { x: Math.round(centre - size.width / 2), y, ...size };
      y += size.height + 60;
    }
  }
  const title = { x: centre, y: y + POSTER.titleSize, size: POSTER.titleSize };
  y = title.y + 60;
  const qr = { x: Math.round(centre - POSTER.qr / 2), y, width: POSTER.qr, height: POSTER.qr };
  const caption = { x: centre, y: qr.y + qr.height + 40 + POSTER.captionSize, size: POSTER.captionSize };
  // The block is centred top to bottom on the page: as much white above the first line as below the last.
  const shift = Math.max(0, Math.round((height - caption.y - margin) / 2));
  const down = <T extends { y: number }>(b: T): T => ({ ...b, y: b.y + shift });
  return { width, height: Math.max(height, caption.y + margin), logo: logoBox && down(logoBox), title: down(title), qr: down(qr), caption: down(caption) };
}

/**
 * The longest start of `text` that fits `maxWidth` by `measure`, with an ellipsis when cut (a
 * channel's name is at most one line on the poster).
 */
export function fitText(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && measure(`${chars.join('')}…`) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

/**
 * The QR code's SVG with a pixel size: the server's has only a viewBox, and an image drawn on a
 * canvas needs a size of its own to be drawn sharp.
 */
export function sizedSvg(svg: string, px: number): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => `<svg${attrs.replace(/\s(width|height)="[^"]*"/g, '')} width="${px}" height="${px}">`);
}

/** File names for a channel's downloads. */
export const channelFile = (code: string, what: 'qr' | 'poster', ext: 'png' | 'svg'): string => `${what}-${code}.${ext}`;

/** Whether an image URL is this origin's: the only kind the console's CSP loads and a canvas exports. */
export function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}
