import type { Config, Link } from '../rules/config';
import type { OpenState } from '../rules/hours';
import { normalizeText } from '../rules/normalize';
import type { Reply } from './budget';
import type { Engines, HandoffReason, TurnMessage } from './decide';
import { systemText } from './templates';

/** When a customer asks for a person, and the notice they hear before the transfer. */

/** A welcome-menu (or any menu) item with this id hands over to a human, whatever its text says. */
export const HANDOFF_MENU_ID = 'handoff';

/** The handoff a message asks for: a click on the handoff menu item, or a handoff keyword. */
export function wantsHuman(engines: Engines, m: TurnMessage): HandoffReason | undefined {
  if (m.menuId === HANDOFF_MENU_ID) return 'menu';
  const text = normalizeText(m.text);
  if (!engines.handoffKeywords.some((k) => text.includes(k))) return undefined;
  return m.menuId === undefined ? 'keyword' : 'menu';
}

/** The notice before a transfer: off hours, the off-hours reply (nobody will pick up now). */
export function handoffNotice(input: { config: Config; hours: OpenState; link?: Link | undefined }, locale: string | undefined): Reply {
  const { config, hours, link } = input;
  return {
    text: hours.isOpen
      ? systemText(config, 'handoff', { locale, link })
      : systemText(config, 'off_hours_reply', { locale, link, vars: { next_open: hours.nextOpen } }),
  };
}
