import { Hono } from 'hono';
import { ChannelCodeSchema, storedChannelLink } from '../admin/channels';
import { check } from '../admin/input';
import type { Env } from '../env';
import { publicCorpEnv } from './public-corp';
import { WIDGET_JS } from './widget-script';

/**
 * The web channel (guide: 网页渠道，通过JS SDK嵌入咨询按钮), public and side-effect free:
 * - `GET /widget.js`: the consult button script (./widget-script.ts), cacheable by browsers and CDNs.
 * - `GET /channels/:code/link.json?page=/path`: the channel's kf link for that page, from what is
 *   stored only (never a WeCom call or a write; 404 until an operator created the link), readable
 *   from any site (CORS) without credentials. `?corp=<corpid>` (the script's `data-corp`) reads
 *   that authorized corp's channel (./public-corp.ts); without it, the own corp's.
 */
export const widgetRoutes = new Hono<{ Bindings: Env }>()
  .get('/widget.js', (c) =>
    c.body(WIDGET_JS, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      // Loadable by pages that isolate themselves (Cross-Origin-Embedder-Policy).
      'Cross-Origin-Resource-Policy': 'cross-origin',
    }),
  )
  .get('/channels/:code/link.json', async (c) => {
    // Set before anything can throw: the widget must be able to read a 404 too.
    c.header('Access-Control-Allow-Origin', '*');
    const page = c.req.query('page')?.slice(0, 512);
    const code = check(ChannelCodeSchema, c.req.param('code'));
    const link = await storedChannelLink(await publicCorpEnv(c.env, c.req.query('corp')), code, page);
    // Briefly: a changed channel (params, account) shows within a minute.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(link);
  });
