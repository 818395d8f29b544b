import type { KnowledgeEntry } from '../../src/rules/config';
import { compileUnderstanding } from '../../src/engine/understanding';
import { FAQ_KNOWLEDGE } from '../../test/fixtures/faq-eval';
import { syntheticKnowledge } from '../synthetic';

/**
 * For bench/knowledge.bench.ts: `/entries` builds the knowledge base the Node bench compiles, so
 * that `/compile` does nothing but compile it (the first time in this isolate, then as a later
 * config version would).
 */
let entries: KnowledgeEntry[] = [];

export default {
  fetch(request: Request): Response {
    if (new URL(request.url).pathname === '/entries') {
      entries = [...FAQ_KNOWLEDGE, ...syntheticKnowledge(5000 - FAQ_KNOWLEDGE.length).entries];
      return new Response(String(entries.length));
    }
    return new Response(String(compileUnderstanding(entries).index.entries.length));
  },
};
