/**
 * What the save bar says about the draft, from its state alone: unsaved edits, the version this
 * page just saved (not live until released, except the very first, which becomes stable), or the
 * stable version it started from.
 */
export interface DraftState {
  dirty: boolean;
  /** The stable version; null before any config is stored. */
  base: number | null;
  /** The version saved from this draft, if any. */
  saved: number | null;
}

export function draftStatus({ dirty, base, saved }: DraftState): string {
  if (dirty) return saved === null ? '有未保存的修改' : `有未保存的修改（上次保存为 v${saved}）`;
  if (saved !== null) return saved === base ? `已保存为 v${saved}，即稳定版` : `已保存为 v${saved}，尚未发布${base === null ? '' : `（稳定版 v${base}）`}`;
  return base === null ? '尚无配置版本' : `基于稳定版 v${base}`;
}
