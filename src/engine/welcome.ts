import type { Config, Link } from '../rules/config';
import type { Reply } from './budget';
import type { DecisionEvent } from './decide';
import { systemText } from './templates';

/** WeCom gives a welcome_code only if the customer had no welcome in the last 48 hours; we hold the same line. */
export const WELCOME_INTERVAL_MS = 48 * 3600 * 1000;

/**
 * The welcome for an enter_session event: only with a welcome_code (it goes out through
 * send_msg_on_event), at most once per 48 hours, only when the document or the link has one; in
 * the customer's language, by time of day, with the welcome menu (e.g. 转人工) when configured.
 */
export function decideWelcome(input: {
  config: Config;
  link?: Link | undefined;
  language?: string | undefined;
  /** "HH:MM" in the link's timezone. */
  localTime?: string | undefined;
  welcomeCode?: string | undefined;
  lastWelcomeAt?: number | undefined;
  now: number;
}): { reply: Reply; events: DecisionEvent[] } | null {
  const { config, link, now } = input;
  if (!input.welcomeCode) return null;
  if (input.lastWelcomeAt !== undefined && now - input.lastWelcomeAt < WELCOME_INTERVAL_MS) return null;
  if (config.welcome === undefined && link?.welcome === undefined) return null;
  const text = systemText(config, 'welcome', { locale: input.language, link, localTime: input.localTime });
  const menu = config.welcome?.menu;
  const reply: Reply = menu?.length ? { menu: { head_content: text, list: menu.map(({ id, content }) => ({ id, content })) } } : { text };
  return { reply, events: [{ type: 'welcome', menu: 'menu' in reply }] };
}
