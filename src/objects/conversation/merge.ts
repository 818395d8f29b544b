import { answerDueAt, type PendingMessage } from '../../engine/merge-window';
import { Origin } from '../../wecom/types';
import type { InboundItem } from './inbound';
import type { TurnSettings } from './memory';

/**
 * When the unprocessed items are due for a turn. Customer messages wait as the merge policy says
 * (engine/merge-window.ts), so that a burst gets one answer; anything else (an event: a welcome
 * code lives 20 s, a survey code too; a servicer's message) is due when it arrived. Null: nothing waits.
 */
export function turnDueAt(items: readonly InboundItem[], settings: TurnSettings): number | null {
  const messages: PendingMessage[] = [];
  let other: number | null = null;
  for (const { item, receivedAt } of items) {
    if (item.origin === Origin.customer && item.msgtype !== 'event') messages.push({ msgtype: item.msgtype, text: item.text?.content, menuClick: item.text?.menu_id !== undefined, at: receivedAt });
    else other = Math.min(other ?? receivedAt, receivedAt);
  }
  const merged = answerDueAt(messages, { windowMs: settings.merge_window_ms, adaptive: settings.adaptive_merge });
  if (merged === null || other === null) return merged ?? other;
  return Math.min(merged, other);
}
