import type { AdminApi } from '../api/admin';
import { ApiError } from '../api/api-error';
import type { ConfigInput, Issue } from '../api/shapes';
import { setAt, type Path } from '../logic/paths';

/**
 * The ONE config document every configuration page edits: loaded from GET /config (the stable
 * version), changed in place by the forms, checked as a whole by POST /config/validate, and stored
 * by PUT /config as a new version that is not live until released (灰度发布). The last check's
 * issues stay here, so each page shows the ones at its own fields.
 */
export type SaveOutcome = { ok: true; version: number; warnings: Issue[] } | { ok: false; issues: Issue[] };

export class ConfigDraft {
  doc: ConfigInput = {};
  /** The stable version the draft started from; null before any config is stored. */
  base: number | null = null;
  dirty = false;
  /** The version last saved from this draft (null until a save). */
  saved: number | null = null;
  issues: Issue[] = [];
  warnings: Issue[] = [];
  private loaded: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: AdminApi) {}

  /** Loads the stable document once (a later call waits for the same load). */
  load(): Promise<void> {
    this.loaded ??= this.fetch();
    return this.loaded;
  }

  private async fetch(): Promise<void> {
    try {
      this.doc = await this.api.config();
      this.base = (await this.api.release()).stable;
    } catch (e) {
      // 404: nothing stored yet, the operator starts from an empty document.
      if (!(e instanceof ApiError && e.status === 404)) {
        this.loaded = null;
        throw e;
      }
    }
  }

  /** Writes one value; undefined removes it. */
  set(path: Path, value: unknown): void {
    setAt(this.doc as Record<string, unknown>, path, value);
    this.touch();
  }

  /** After a structural change made directly on `doc` (an item added, removed or moved). */
  touch(): void {
    this.dirty = true;
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async check(): Promise<boolean> {
    const answer = await this.api.validate(this.doc);
    this.issues = answer.issues;
    this.warnings = answer.warnings ?? [];
    return answer.valid;
  }

  /** Validates the whole document first (issues at their fields, nothing stored), then stores it. */
  async save(note?: string): Promise<SaveOutcome> {
    if (!(await this.check())) return { ok: false, issues: this.issues };
    try {
      const stored = await this.api.putConfig(this.doc, note);
      this.dirty = false;
      this.saved = stored.version;
      // The first version stored becomes the stable one at once.
      this.base ??= stored.version;
      this.warnings = stored.warnings ?? [];
      this.notify();
      return { ok: true, version: stored.version, warnings: this.warnings };
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        this.issues = e.issues;
        return { ok: false, issues: e.issues };
      }
      throw e;
    }
  }
}
