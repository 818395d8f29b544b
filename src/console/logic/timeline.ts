import type { TimelineEvent } from '../api/shapes';
import { handoffReasonLabel, STATES } from './labels';

/** One line about a timeline event: its text, or what changed, in Chinese where the table has words for it. */
export function eventDetail(e: TimelineEvent): string {
  if (typeof e['text'] === 'string') return e['text'];
  const parts: string[] = [];
  if (e.type === 'handoff' && typeof e['reason'] === 'string') parts.push(`原因：${handoffReasonLabel(e['reason'])}`);
  if (e.type === 'state') parts.push(`${stateLabel(e['from'])} → ${stateLabel(e['to'])}`);
  const skip = new Set(['at', 'type', 'reason', 'from', 'to', 'msgid', 'config_version', 'variant']);
  for (const [k, v] of Object.entries(e)) if (!skip.has(k) && v != null) parts.push(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.join(' · ');
}

const stateLabel = (s: unknown): string => (typeof s === 'string' && s in STATES ? STATES[s as keyof typeof STATES] : String(s));

/** Who sent an outgoing message: the bot or a named servicer. */
export function sender(e: TimelineEvent): string | null {
  if (e.type !== 'message_out') return null;
  return e['by'] === 'servicer' ? `客服 ${typeof e['servicer'] === 'string' ? e['servicer'] : ''}`.trim() : '机器人';
}
