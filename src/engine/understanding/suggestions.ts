/**
 * Suggestions: the questions the bot was unsure of, grouped into clusters of the same question
 * asked in different words, each with the knowledge entry it most resembles, so an operator can
 * add the phrasings to that entry in one step.
 *
 * Clustering is the leader method over the matcher's own analysis (./analyze: words, bigrams,
 * characters, concepts, topics, question types): phrasings are taken oldest first; each joins the most similar
 * leader when the cosine similarity of their IDF-weighted features reaches the threshold, else
 * leads a cluster of its own. Deterministic, and stable as questions arrive: a leader never
 * changes, so a cluster keeps its id (a hash of its leader) while it grows. Candidate leaders come
 * from posting lists of the finding features (words, bigrams, concepts), at most
 * LEADERS_COMPARED per phrasing, so time stays near linear in the number of phrasings.
 */
import { analyze } from './analyze';
import { exactKey, type KnowledgeIndex } from './knowledge-index';
import { search } from './retrieve';

/** Cosine similarity at which a phrasing joins a cluster (measured on the dev split: README "How operators improve it"). */
export const CLUSTER_SIMILARITY = 0.4;
/** Leaders compared exactly per phrasing, the ones sharing the most weight first. */
const LEADERS_COMPARED = 32;
/** A feature shared by more leaders than this says little and would cost much: it finds no candidates. */
const MAX_POSTING = 256;
/** Phrasings searched for a cluster's nearest entry, the most frequent first. */
const SEARCHED_PHRASINGS = 5;
const FINDING = /^[wbc]:/;
/** The question's type (how, when, where …) as one more feature: 积分怎么用 and 积分什么时候过期 ask different things. */
const QUESTION_TYPE_WEIGHT = 0.5;

export interface KeptQuestion {
  id: string;
  at: number;
  /** Masked. */
  text: string;
  zone: string;
  /** The entry the customer clicked in the clarification menu this question got. */
  clicked_entry: string | null;
}

export interface Phrasing {
  text: string;
  count: number;
}

export interface Cluster {
  /** Hash of the leader phrasing: stable while the cluster grows. */
  id: string;
  /** How many kept questions it holds. */
  count: number;
  /** Distinct phrasings (punctuation and width aside), most frequent first. */
  phrasings: Phrasing[];
  question_ids: string[];
  first_seen: number;
  last_seen: number;
  zones: string[];
  /** Clarification clicks per entry, most clicked first. */
  clicks: { entry_id: string; count: number }[];
}

interface Group {
  key: string;
  texts: Map<string, number>;
  rows: KeptQuestion[];
  first: number;
}

interface Vector {
  features: Map<string, number>;
  norm: number;
}

/** One group per phrasing: the same words with other punctuation, width or case are one. */
function groupByPhrasing(rows: readonly KeptQuestion[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of [...rows].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = exactKey(row.text);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, texts: new Map(), rows: [], first: row.at }));
    g.texts.set(row.text, (g.texts.get(row.text) ?? 0) + 1);
    g.rows.push(row);
    g.first = Math.min(g.first, row.at);
  }
  return [...groups.values()].sort((a, b) => a.first - b.first || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The text a group shows: its most frequent spelling (the alphabetically first on a tie). */
function shownText(g: Group): string {
  return [...g.texts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function vectors(index: KnowledgeIndex, texts: readonly string[]): Vector[] {
  const analysed = texts.map((t) => {
    const a = analyze(t, index.lexicon, index.options);
    const f = new Map(a.features);
    for (const q of a.types) f.set(`q:${q}`, QUESTION_TYPE_WEIGHT);
    return f;
  });
  const df = new Map<string, number>();
  for (const f of analysed) for (const k of f.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  return analysed.map((f) => {
    const features = new Map<string, number>();
    let sum = 0;
    for (const [k, w] of f) {
      const v = w * Math.log(1 + texts.length / df.get(k)!);
      features.set(k, v);
      sum += v * v;
    }
    return { features, norm: Math.sqrt(sum) };
  });
}

function cosine(a: Vector, b: Vector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.features.size <= b.features.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small.features) dot += v * (large.features.get(k) ?? 0);
  return dot / (a.norm * b.norm);
}

/** 53-bit string hash (cyrb53), as 14 hex digits: ids that need no async crypto. */
export function hashId(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Clusters of kept questions, the biggest first (then the most recent). */
export function clusterQuestions(index: KnowledgeIndex, rows: readonly KeptQuestion[], threshold: number = CLUSTER_SIMILARITY): Cluster[] {
  const groups = groupByPhrasing(rows);
  const vecs = vectors(index, groups.map(shownText));
  const leaders: number[] = [];
  const members = new Map<number, number[]>();
  const postings = new Map<string, number[]>();
  groups.forEach((_, g) => {
    const v = vecs[g]!;
    const rough = new Map<number, number>();
    for (const [k, w] of v.features) {
      const list = FINDING.test(k) ? postings.get(k) : undefined;
      if (list && list.length <= MAX_POSTING) for (const l of list) rough.set(l, (rough.get(l) ?? 0) + w);
    }
    let best = -1;
    let bestSim = threshold;
    for (const [l] of [...rough].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, LEADERS_COMPARED)) {
      const sim = cosine(v, vecs[l]!);
      if (sim >= bestSim && (best < 0 || sim > bestSim || l < best)) [best, bestSim] = [l, sim];
    }
    if (best >= 0) {
      members.get(best)!.push(g);
      return;
    }
    leaders.push(g);
    members.set(g, [g]);
    for (const k of v.features.keys()) {
      if (!FINDING.test(k)) continue;
      const list = postings.get(k);
      if (list) list.push(g);
      else postings.set(k, [g]);
    }
  });
  return leaders.map((l) => toCluster(groups, l, members.get(l)!)).sort((a, b) => b.count - a.count || b.last_seen - a.last_seen || (a.id < b.id ? -1 : 1));
}

function toCluster(groups: readonly Group[], leader: number, memberIdx: readonly number[]): Cluster {
  const ms = memberIdx.map((i) => groups[i]!);
  const rows = ms.flatMap((g) => g.rows);
  const clicks = new Map<string, number>();
  for (const r of rows) if (r.clicked_entry) clicks.set(r.clicked_entry, (clicks.get(r.clicked_entry) ?? 0) + 1);
  return {
    id: hashId(groups[leader]!.key),
    count: rows.length,
    phrasings: ms.map((g) => ({ text: shownText(g), count: g.rows.length, first: g.first })).sort((a, b) => b.count - a.count || a.first - b.first).map(({ text, count }) => ({ text, count })),
    question_ids: rows.map((r) => r.id),
    first_seen: Math.min(...rows.map((r) => r.at)),
    last_seen: Math.max(...rows.map((r) => r.at)),
    zones: [...new Set(rows.map((r) => r.zone))].sort(),
    clicks: [...clicks].map(([entry_id, count]) => ({ entry_id, count })).sort((a, b) => b.count - a.count || (a.entry_id < b.entry_id ? -1 : 1)),
  };
}

export interface NearestEntry {
  id: string;
  /** Its first (canonical) question. */
  question: string;
  /** The matcher's mean score for the cluster's most frequent phrasings (0..1). */
  score: number;
  /** `click`: customers chose it in clarification menus (that wins over the matcher); `search`: the matcher's best. */
  source: 'click' | 'search';
  clicks: number;
}

/** The entry a cluster most resembles on this version: the most clicked one that still exists, else the matcher's best. */
export function nearestEntry(index: KnowledgeIndex, cluster: Pick<Cluster, 'phrasings' | 'clicks'>): NearestEntry | null {
  const searched = cluster.phrasings.slice(0, SEARCHED_PHRASINGS);
  const weight = searched.reduce((s, p) => s + p.count, 0);
  const total = new Map<string, number>();
  for (const p of searched) for (const c of search(index, p.text, 3).candidates) total.set(c.entry.id, (total.get(c.entry.id) ?? 0) + c.score * p.count);
  const scoreOf = (id: string) => Math.round(((total.get(id) ?? 0) / weight) * 1000) / 1000;
  const clicked = cluster.clicks.find((c) => index.byId.has(c.entry_id));
  const id = clicked?.entry_id ?? [...total].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (id === undefined) return null;
  const entry = index.entries[index.byId.get(id)!]!.entry;
  return { id, question: entry.questions[0]!, score: scoreOf(id), source: clicked ? 'click' : 'search', clicks: cluster.clicks.find((c) => c.entry_id === id)?.count ?? 0 };
}

export interface SkippedQuestion {
  question: string;
  /**
   * `present`: the entry has it already; `other_entry`: another entry has it (it stays theirs);
   * `no_content`: only punctuation or symbols (as a question it would take every such message).
   */
  reason: 'present' | 'other_entry' | 'no_content';
  entry_id: string;
}

/** Which phrasings are new questions for the entry: one already asked by it or by another entry (punctuation and width aside), or one without content, is skipped. */
export function newQuestions(entries: readonly { id: string; questions: readonly string[] }[], entryId: string, phrasings: readonly string[]): { added: string[]; skipped: SkippedQuestion[] } {
  const owner = new Map<string, string>();
  for (const e of entries) for (const q of e.questions) if (!owner.has(exactKey(q))) owner.set(exactKey(q), e.id);
  const added: string[] = [];
  const skipped: SkippedQuestion[] = [];
  for (const question of phrasings) {
    const key = exactKey(question);
    const known = owner.get(key);
    if (key === '') skipped.push({ question, reason: 'no_content', entry_id: entryId });
    else if (known !== undefined) skipped.push({ question, reason: known === entryId ? 'present' : 'other_entry', entry_id: known });
    else {
      owner.set(key, entryId);
      added.push(question);
    }
  }
  return { added, skipped };
}
