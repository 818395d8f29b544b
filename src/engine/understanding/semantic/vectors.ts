/**
 * A config version's question vectors, compact: each vector scaled to unit length and quantised
 * to Int8 (1 byte a dimension, 1 KiB a question for bge-m3's 1,024 dimensions; the cosine error
 * this adds is below 0.01, far under the margins the reranker decides on), with the index of the
 * entry each question belongs to. Encoded as one binary value (Int32 entry indices, then the Int8
 * vectors) so a base of a few thousand questions fits one KV value.
 */

/** A recalled entry: its index in the version's knowledge and its best question's cosine. */
export interface Recalled {
  entry: number;
  score: number;
}

/** Where a version's vectors are searched: in memory (from KV) or Vectorize. */
export interface VectorRecall {
  /** The entries closest to the vector, best first, each once (its best question). */
  recall(vector: readonly number[], k: number): Promise<Recalled[]>;
}

export interface QuantisedVectors {
  dims: number;
  /** Entry index per question row. */
  rows: Int32Array;
  /** rows.length × dims. */
  data: Int8Array;
}

/** The questions to embed for a knowledge base, in row order, with the entry each belongs to. */
export function questionRows(entries: readonly { questions: readonly string[] }[]): { texts: string[]; rows: number[] } {
  const texts: string[] = [];
  const rows: number[] = [];
  entries.forEach((e, i) => {
    for (const q of e.questions) {
      texts.push(q);
      rows.push(i);
    }
  });
  return { texts, rows };
}

export function quantise(vectors: readonly (readonly number[])[], rows: readonly number[]): QuantisedVectors {
  if (vectors.length !== rows.length) throw new RangeError(`${vectors.length} vectors for ${rows.length} rows`);
  const dims = vectors[0]?.length ?? 0;
  const data = new Int8Array(vectors.length * dims);
  vectors.forEach((v, r) => {
    const norm = Math.hypot(...v) || 1;
    for (let d = 0; d < dims; d++) data[r * dims + d] = Math.round((v[d]! / norm) * 127);
  });
  return { dims, rows: Int32Array.from(rows), data };
}

/** Bytes of the encoded form: what KV's 25 MiB value limit is checked against. */
export const encodedSize = (count: number, dims: number): number => count * (4 + dims);

export function encodeVectors(v: QuantisedVectors): ArrayBuffer {
  const out = new ArrayBuffer(encodedSize(v.rows.length, v.dims));
  new Int32Array(out, 0, v.rows.length).set(v.rows);
  new Int8Array(out, v.rows.length * 4).set(v.data);
  return out;
}

export function decodeVectors(buffer: ArrayBuffer, count: number, dims: number): QuantisedVectors {
  if (buffer.byteLength !== encodedSize(count, dims)) throw new RangeError(`stored vectors hold ${buffer.byteLength} bytes, not ${count} × ${dims}`);
  return { dims, rows: new Int32Array(buffer.slice(0, count * 4)), data: new Int8Array(buffer, count * 4) };
}

/** Cosine over every question in memory: a few milliseconds for a few thousand questions. */
export function memoryRecall(v: QuantisedVectors): VectorRecall {
  const count = v.rows.length;
  const norms = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let s = 0;
    for (let d = 0; d < v.dims; d++) s += v.data[r * v.dims + d]! ** 2;
    norms[r] = Math.sqrt(s) || 1;
  }
  return {
    async recall(vector, k) {
      if (vector.length !== v.dims) throw new RangeError(`a ${vector.length}-dimensional query against ${v.dims}-dimensional vectors`);
      const q = Float32Array.from(vector);
      const qn = Math.hypot(...q) || 1;
      const { data, dims } = v;
      const best = new Map<number, number>();
      for (let r = 0, at = 0; r < count; r++, at += dims) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += data[at + d]! * q[d]!;
        const score = dot / (norms[r]! * qn);
        const entry = v.rows[r]!;
        if (score > (best.get(entry) ?? Number.NEGATIVE_INFINITY)) best.set(entry, score);
      }
      return bestFirst(best, k);
    },
  };
}

/** Each entry once with its best score, best first, at most k. */
export function bestFirst(scores: ReadonlyMap<number, number>, k: number): Recalled[] {
  return [...scores]
    .map(([entry, score]) => ({ entry, score }))
    .sort((a, b) => b.score - a.score || a.entry - b.entry)
    .slice(0, k);
}
