import { z } from 'zod';
import { encodeCursor } from '../storage/db';
import { listViolations } from '../storage/violations';
import { violationDirections } from '../storage/schema';
import { cursorParts, PageQuerySchema } from './input';
import { adminApp, adminRoute, jsonAnswer } from './route';
import { corpDb } from './tenant';

export const ViolationSchema = z.object({
  id: z.string(),
  at: z.number().int(),
  open_kfid: z.string(),
  external_userid: z.string(),
  direction: z.enum(violationDirections),
  /** The matched words, masked (违*词). */
  words: z.array(z.string()),
  /** The text around the hit, masked. */
  excerpt: z.string(),
});
export const ViolationPageSchema = z.object({ items: z.array(ViolationSchema), next_cursor: z.string().nullable() });

export const violationRoutes = adminApp().openapi(
  adminRoute('viewer', { method: 'get', path: '/', summary: 'Intercepted sensitive content, masked, newest first', request: { query: PageQuerySchema }, responses: { 200: jsonAnswer(ViolationPageSchema) } }),
  async (c) => {
    const q = c.req.valid('query');
    const after = cursorParts(q.cursor, z.tuple([z.number().int(), z.string()]));
    const page = await listViolations(corpDb(c), { limit: q.limit, after: after && { at: after[0], id: after[1] } });
    return c.json({ items: page.items, next_cursor: page.last ? encodeCursor([page.last.at, page.last.id]) : null });
  },
);
