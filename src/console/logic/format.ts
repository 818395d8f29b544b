/** Numbers as the console shows them (Chinese units). */
export const pct = (v: number | null | undefined): string => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

export const duration = (ms: number | null | undefined): string => {
  if (ms == null) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} 秒`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} 分钟`;
  return `${(ms / 3_600_000).toFixed(1)} 小时`;
};

export const score = (v: number | null | undefined): string => (v == null ? '—' : v.toFixed(2));

export const dateTime = (ms: number | null | undefined): string => (ms == null ? '—' : new Date(ms).toLocaleString('zh-CN', { hour12: false }));

/** `YYYY-MM-DDTHH:MM` for <input type="datetime-local"> in the browser's time zone, and back. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}
export const fromLocalInput = (value: string): number | undefined => (value ? new Date(value).getTime() : undefined);

/** A working period's heading: its times as they are, `?` for one not set yet. */
export const periodTitle = (period: { start?: string; end?: string } | undefined, index: number): string =>
  `时段 ${index + 1}${period?.start || period?.end ? `：${period.start || '?'}-${period.end || '?'}` : ''}`;
