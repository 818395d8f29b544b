import { analyticsRows } from '../../engine/metrics';
import type { RollupState } from '../../engine/metrics-rollup';
import type { Bound } from '../../storage/bound';
import { appendConversationEvents, eventsCopy } from '../../storage/conversation-events';
import type { TenantDb } from '../../storage/tenant';
import type { Identity } from './memory';
import { EXPORT_BATCH, type Timeline } from './timeline';

/** A copy whose statements ride in a batch the caller runs: `settled` once it ran or failed. */
interface CarriedCopy {
  statements: Bound<unknown>[];
  settled(ran: boolean): void;
}

/**
 * The timeline's copy to D1 (analytics, the dashboard): the events not copied yet, with their
 * roll-ups. It runs in a batch of its own at the end of a run, or rides in the turn's first D1
 * batch (the customer seen, their profile and tags), which saves the round trip and D1's commit.
 */
export class AnalyticsCopy {
  /** The roll-up state of this conversation in D1, as its last copy left it: it is its only writer. */
  private readonly rollups = new Map<string, RollupState>();

  constructor(
    private readonly timeline: Timeline,
    private readonly identity: () => Identity | null,
  ) {}

  /**
   * Runs `load` (work that runs one D1 batch and asks for `alongside` when it does) with the copy
   * of what waits riding in that batch. Should the batch fail with it, the copy is dropped (its
   * events stay uncopied) and `load` runs once more without: the copy never holds the work back.
   */
  async ride<T>(db: TenantDb, load: (alongside?: () => Promise<readonly Bound<unknown>[]>) => Promise<T>): Promise<T> {
    const ridden: { copy: CarriedCopy | null } = { copy: null };
    try {
      const result = await load(async () => (ridden.copy = await this.carried(db))?.statements ?? []);
      ridden.copy?.settled(true);
      return result;
    } catch (e) {
      if (!ridden.copy) throw e;
      ridden.copy.settled(false);
      console.warn('conversation: analytics copy deferred', String(e));
      return load();
    }
  }

  /** The statements copying what waits, for the caller's batch; null when nothing waits. */
  private async carried(db: TenantDb): Promise<CarriedCopy | null> {
    const identity = this.identity();
    const events = this.timeline.uncopied();
    const last = events.at(-1);
    if (!identity || !last) return null;
    const copy = await eventsCopy(db, events.flatMap((e) => analyticsRows(identity, e)), this.rollups);
    return {
      statements: copy.statements,
      settled: (ran) => {
        copy.settled(ran);
        if (ran) this.timeline.copied(last.seq);
      },
    };
  }

  /** Copies the next batch in a round trip of its own; answers how many events and whether more wait. */
  async run(db: TenantDb): Promise<{ copied: number; more: boolean }> {
    const identity = this.identity();
    if (!identity) return { copied: 0, more: false };
    return this.timeline.export((events) => appendConversationEvents(db, events.flatMap((e) => analyticsRows(identity, e)), this.rollups), EXPORT_BATCH);
  }

  /** The storage was emptied (deleteAll): the events are numbered from 1 again, the roll-up state is read afresh. */
  forget(): void {
    this.timeline.forgetCopied();
    this.rollups.clear();
  }
}
