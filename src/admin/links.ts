import { z } from 'zod';
import { createTrackedLink, listTrackedLinks, type TrackedLink } from '../storage/links';
import { adminApp, adminRoute, jsonAnswer, jsonBody } from './route';
import { corpDb } from './tenant';

export const CreateLinkSchema = z.strictObject({
  /** Only http(s): the redirect must never become a javascript: or data: link. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2048),
  name: z.string().trim().min(1).max(128),
});

export const LinkSchema = z.object({
  id: z.string(),
  /**
   * The tracked path. Write it as an absolute URL (`https://<worker>/l/<id>`) in a reply: the bot
   * signs it for each customer it sends it to, and only such signed clicks are credited.
   */
  url: z.string(),
  /** Where the redirect goes. */
  target: z.string(),
  name: z.string(),
  created_at: z.number().int(),
});

export const trackedPath = (id: string): string => `/l/${id}`;
const answer = (l: TrackedLink): z.infer<typeof LinkSchema> => ({ id: l.id, url: trackedPath(l.id), target: l.url, name: l.name, created_at: l.created_at });

export const linkRoutes = adminApp()
  .openapi(
    adminRoute('operator', {
      method: 'post',
      path: '/',
      summary: 'Create a tracked link (/l/<id>; the bot signs it for each customer it sends it to)',
      request: { body: jsonBody(CreateLinkSchema) },
      responses: { 201: jsonAnswer(LinkSchema) },
    }),
    async (c) => c.json(answer(await createTrackedLink(corpDb(c), c.req.valid('json'))), 201),
  )
  .openapi(
    adminRoute('viewer', { method: 'get', path: '/', summary: 'Tracked links', responses: { 200: jsonAnswer(z.object({ items: z.array(LinkSchema) })) } }),
    async (c) => c.json({ items: (await listTrackedLinks(corpDb(c))).map(answer) }),
  );
