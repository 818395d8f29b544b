import { Hono } from 'hono';
import type { Env } from '../env';
import { ExternalUseridSchema } from '../admin/input';
import { notFound } from '../admin/errors';
import { recordAndNotify, type BehaviorEventHook } from '../admin/events';
import { createDb } from '../storage/db';
import { getTrackedLink } from '../storage/links';

/**
 * The tracked redirect `GET /l/:id?u=<external_userid>`: records a `link_click` behaviour event
 * (ref = the link id, which a behaviour tag rule's `match` names) for the customer in `u`, then
 * answers 302 to the link's URL. Without a valid `u` the redirect still works and nothing is
 * recorded: a link shared outside a conversation has no customer to credit.
 */
export const linkRedirect = (hook?: BehaviorEventHook) =>
  new Hono<{ Bindings: Env }>().get('/:id', async (c) => {
    const link = await getTrackedLink(createDb(c.env.DB), c.req.param('id'));
    if (!link) throw notFound('no such link');
    const user = ExternalUseridSchema.safeParse(c.req.query('u'));
    if (user.success) await recordAndNotify(c.env, { external_userid: user.data, type: 'link_click', ref: link.id, meta: { name: link.name } }, hook);
    // Never cached: every click must reach the Worker to be counted.
    c.header('Cache-Control', 'no-store');
    return c.redirect(link.url, 302);
  });
