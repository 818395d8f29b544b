import { z } from 'zod';
import { understandMessage } from '../engine/understanding';
import { stableRuntime } from '../storage/runtime';
import { adminApp, adminRoute, jsonAnswer, jsonBody, readJsonBody } from './route';
import { suggestionRoutes } from './suggestions';
import { corpEnv } from './tenant';

/** A customer message is at most 2,048 characters (the platform's text limit); so is a try. */
export const TryBodySchema = z.strictObject({ text: z.string().trim().min(1).max(2048) });

const EntryRefSchema = z.object({ id: z.string(), question: z.string() });
export const TryAnswerSchema = z.object({
  zone: z.enum(['answer', 'clarify', 'fallback', 'smalltalk']),
  entry: EntryRefSchema.extend({ answer: z.string() }).optional(),
  choices: z.array(EntryRefSchema).optional(),
  kind: z.string().optional(),
  confidence: z.number().optional(),
  version: z.number().int().nullable(),
  reasons: z.object({
    scores: z.array(z.object({ id: z.string(), score: z.number() })),
    matched: z.array(z.string()),
    unexplained: z.array(z.string()),
    types: z.array(z.string()),
    corrections: z.array(z.string()),
    held: z.string().optional(),
  }),
});

/**
 * POST /knowledge/try: the knowledge decision a new customer would get for a text on the stable
 * version, with its reasons (zone, scores, matched terms, what was left unexplained, question
 * types, typo corrections, and why an answer was held back), for the console and operators' tests.
 * /knowledge/suggestions: what customers asked that was not answered confidently (./suggestions.ts).
 */
export const knowledgeRoutes = adminApp()
  .route('/suggestions', suggestionRoutes)
  .openapi(
    adminRoute(
      'viewer',
      {
        method: 'post',
        path: '/try',
        summary: 'The knowledge decision (answer, clarify, fallback, small talk) a new customer would get for a text on the stable version, with its reasons',
        request: { body: jsonBody(TryBodySchema) },
        responses: { 200: jsonAnswer(TryAnswerSchema) },
      },
      { body: readJsonBody(16 * 1024) },
    ),
    async (c) => {
      const { text } = c.req.valid('json');
      const { compiled, version } = await stableRuntime(corpEnv(c));
      const d = understandMessage(compiled.engines.understanding, text);
      const entry = (e: { id: string; questions: string[] }) => ({ id: e.id, question: e.questions[0] });
      return c.json(
        TryAnswerSchema.parse({
          zone: d.zone,
          ...(d.zone === 'answer' ? { entry: { ...entry(d.entry), answer: d.entry.answer }, confidence: d.confidence } : {}),
          ...(d.zone === 'clarify' ? { choices: d.choices.map(entry), confidence: d.confidence } : {}),
          ...(d.zone === 'smalltalk' ? { kind: d.kind } : {}),
          version,
          reasons: d.reasons,
        }),
      );
    },
  );
