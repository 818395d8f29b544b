import { Hono } from 'hono';
import type { Env } from '../env';
import { notFound } from '../admin/errors';
import { recordAndNotify, type BehaviorEventHook } from '../admin/events';
import { verifyLinkProof } from '../rules/link-proof';
import { createDb } from '../storage/db';
import { getTrackedLink } from '../storage/links';
import { tenantEnv } from '../storage/tenant';

/**
 * The tracked redirect `GET /l/:id`: always answers 302 to the link's URL, and credits a
 * `link_click` behaviour event (ref = the link id, which a behaviour tag rule's `match` names)
 * only when the query carries the proof the bot signed when it sent the link to that customer
 * (`?u=&e=&s=`, ../rules/link-proof). A bare, tampered or expired `?u=` credits nothing. A
 * credited click is recorded once per link, customer and UTC day (the event id says which), so
 * repeated clicks neither add rows nor re-run tag rules.
 */
export const linkRedirect = (hook?: BehaviorEventHook) =>
  new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
    const link = await getTrackedLink(createDb(c.env.DB), c.req.param('id'));
    if (!link) throw notFound('no such link');
    const now = Date.now();
    const proof = verifyLinkProof(c.env.WECOM_ENCODING_AES_KEY, link.id, { u: c.req.query('u'), e: c.req.query('e'), s: c.req.query('s') }, now);
    if (proof.ok) {
      const day = new Date(now).toISOString().slice(0, 10);
      // The click is the corp's whose link it is.
      await recordAndNotify(tenantEnv(c.env, link.tenant), { id: `link_click:${link.id}:${proof.userid}:${day}`, external_userid: proof.userid, type: 'link_click', ref: link.id, at: now, meta: { name: link.name } }, hook);
    }
    // Never cached: every click must reach the Worker to be counted.
    c.header('Cache-Control', 'no-store');
    return c.redirect(link.url, 302);
  });
