import { describe, expect, it } from 'vitest';
import { fit, fitText, POSTER, posterLayout, sameOrigin, sizedSvg } from '../../src/console/logic/poster';

describe("a channel's poster", () => {
  it('scales a logo into its box, keeping its shape, at most twice its size', () => {
    expect(fit(1000, 500, { width: 560, height: 220 })).toEqual({ width: 440, height: 220 });
    expect(fit(100, 100, { width: 560, height: 220 })).toEqual({ width: 200, height: 200 });
    expect(fit(0, 10, { width: 560, height: 220 })).toEqual({ width: 0, height: 0 });
  });

  it('centres the logo, the name, the QR and the caption top to bottom, inside the page', () => {
    const l = posterLayout({ width: 400, height: 200 });
    expect(l.logo).toMatchObject({ x: (POSTER.width - 440) / 2, width: 440, height: 220 });
    // As much white above the logo as below the caption.
    expect(Math.abs(l.logo!.y - (l.height - l.caption.y))).toBeLessThanOrEqual(1);
    expect(l.title.y).toBeGreaterThan(l.logo!.y + l.logo!.height);
    expect(l.qr.y).toBeGreaterThan(l.title.y);
    expect(l.caption.y).toBeGreaterThan(l.qr.y + l.qr.height);
    expect(l.caption.y + POSTER.margin).toBeLessThanOrEqual(l.height);
    expect(l.qr.x * 2 + l.qr.width).toBe(POSTER.width);
  });

  it('moves everything up when there is no logo', () => {
    const without = posterLayout(null);
    expect(without.logo).toBeNull();
    expect(without.title.y).toBeLessThan(posterLayout({ width: 400, height: 200 }).title.y);
    expect(Math.abs(without.title.y - without.title.size - (without.height - without.caption.y))).toBeLessThanOrEqual(1);
  });

  it('cuts a name too wide for one line, with an ellipsis', () => {
    const measure = (s: string) => Array.from(s).length * 10;
    expect(fitText('北京线下门店', 100, measure)).toBe('北京线下门店');
    expect(fitText('北京朝阳区三里屯线下旗舰门店', 100, measure)).toBe('北京朝阳区三里屯线…');
  });

  it("gives the server's QR SVG a pixel size, replacing any it had", () => {
    expect(sizedSvg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 310 310"><rect/></svg>', 800)).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 310 310" width="800" height="800"><rect/></svg>');
    expect(sizedSvg('<svg width="10" viewBox="0 0 1 1" height="10">', 64)).toBe('<svg viewBox="0 0 1 1" width="64" height="64">');
  });

  it("uses an avatar only from the console's own origin", () => {
    expect(sameOrigin('/media/logo.png', 'https://kf.example.com')).toBe(true);
    expect(sameOrigin('https://wework.qpic.cn/wwpic/abc/0', 'https://kf.example.com')).toBe(false);
    expect(sameOrigin('http://[bad', 'https://kf.example.com')).toBe(false);
  });
});
