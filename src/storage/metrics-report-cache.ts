import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Cell } from '../engine/figures';
import { DAY_MS } from '../engine/metrics-rollup';
import { type BucketCell, collectParts, type PartCells, partQueries, type RollupRangeQuery, type SeriesQuery } from './metrics-rollups';
import { metricsHourStamps, metricsReportCache } from './schema';
import type { TenantDb } from './tenant';

/**
 * The cells GET /admin/api/metrics reads for a part of a range (its whole UTC days, or whole hours
 * beside them), kept in D1 beside the sum of the part's hour stamps taken in the same transaction
 * (one D1 batch). An export bumps the stamp of each hour it adds cells to, in the batch that adds
 * them, and nothing lowers a stamp: so an entry is served only while no cell of its hours has
 * changed since it was read. A late event (one exported after its hour was cached) makes the next
 * report read the part again; a replayed export adds no cells and bumps nothing, and the cells it
 * would have served are the same. Only whole past hours are parts: the current hour is folded
 * from the raw events.
 */

/** Entries not written for this long go when another is written: a rolling range has a new key each day. */
const KEEP_MS = 2 * DAY_MS;
/** A larger entry is not kept (D1 holds at most 2 MB in a row): a month's days take ~150 KB. */
const MAX_CHARS = 1_000_000;

/** Cells by bucket ('' for summed), metric and servicer: their labels and counts side by side. */
const PackedSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.tuple([z.array(z.string()), z.array(z.number())]))));
const CachedCellsSchema = z.object({ summed: PackedSchema, bucketed: PackedSchema });
type Packed = z.infer<typeof PackedSchema>;

function pack(cells: ReadonlyArray<Cell & { bucket?: number }>): Packed {
  const packed: Packed = {};
  for (const c of cells) {
    const byMetric = (packed[c.bucket ?? ''] ??= {});
    const [labels, counts] = ((byMetric[c.metric] ??= {})[c.servicer] ??= [[], []]);
    labels.push(c.label);
    counts.push(c.n);
  }
  return packed;
}

function unpack(packed: Packed): BucketCell[] {
  const cells: BucketCell[] = [];
  for (const [bucket, byMetric] of Object.entries(packed)) {
    for (const [metric, byServicer] of Object.entries(byMetric)) {
      for (const [servicer, [labels, counts]] of Object.entries(byServicer)) {
        labels.forEach((label, i) => cells.push({ bucket: Number(bucket), metric, servicer, label, n: counts[i] ?? 0 }));
      }
    }
  }
  return cells;
}

/** The sum of the stamps of a part's hours. */
function partStamp(db: TenantDb, part: RollupRangeQuery) {
  const t = metricsHourStamps;
  return db
    .select({ stamp: sql<number>`coalesce(sum(${t.stamp}), 0)` })
    .from(t)
    .where(and(eq(t.corpId, db.tenant), gte(t.start, part.from), lt(t.start, part.to)));
}

/** A part of a range to read through the cache, and the key naming all its cells depend on but its hours' stamps. */
export interface CachedPart {
  part: RollupRangeQuery;
  series: SeriesQuery;
  key: string;
}

/**
 * The cells of these parts of a range and of their series: each from its entry while the entry's
 * stamp is still its hours' own, else read with the stamp and kept. One D1 batch looks all entries
 * up, one reads the parts missed (one transaction: the stamp is the cells' own).
 */
export async function readCachedParts(db: TenantDb, parts: readonly CachedPart[], now: number): Promise<PartCells[]> {
  const c = metricsReportCache;
  const lookups = parts.map(({ part, key }) =>
    db
      .select({ cells: c.cells })
      .from(c)
      .where(and(eq(c.corpId, db.tenant), eq(c.key, key), sql`${c.stamp} = (${partStamp(db, part)})`)),
  );
  const [first, ...rest] = lookups;
  if (!first) return [];
  const found = (await db.batch([first, ...rest])).map(([hit]) => (hit ? CachedCellsSchema.safeParse(JSON.parse(hit.cells)) : null));
  const cells: Array<PartCells | null> = found.map((f) => (f?.success ? { summed: unpack(f.data.summed), bucketed: unpack(f.data.bucketed) } : null));

  const missed = parts.flatMap((p, i) => (cells[i] ? [] : [{ ...p, i }]));
  const [read, ...reads] = missed.flatMap(({ part, series }) => [partStamp(db, part), ...partQueries(db, part, series)]);
  if (!read) return cells as PartCells[];
  const answers = await db.batch([read, ...reads]);
  const entries = missed.flatMap(({ key, i }, m) => {
    // Each missed part read three answers: its stamp, then its two queries.
    const [stamped, ...queried] = answers.slice(3 * m, 3 * m + 3);
    const part = (cells[i] = collectParts(queried));
    const body = JSON.stringify({ summed: pack(part.summed), bucketed: pack(part.bucketed) });
    return body.length > MAX_CHARS ? [] : [{ corpId: db.tenant, key, stamp: (stamped as Array<{ stamp: number }>)[0]?.stamp ?? 0, cells: body, writtenAt: now }];
  });
  await db.batch([
    db.delete(c).where(and(eq(c.corpId, db.tenant), lt(c.writtenAt, now - KEEP_MS))),
    ...entries.map((entry) =>
      db
        .insert(c)
        .values(entry)
        .onConflictDoUpdate({ target: [c.corpId, c.key], set: { stamp: sql`excluded.stamp`, cells: sql`excluded.cells`, writtenAt: sql`excluded.written_at` } }),
    ),
  ]);
  return cells as PartCells[];
}
