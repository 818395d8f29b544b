import { understandMessage, type Understanding } from '../../../src/engine/understanding';

/** The entry a message is answered with, or the zone it lands in when it is not answered. */
export const answerOf = (u: Understanding, text: string) => {
  const d = understandMessage(u, text, new Set());
  return d.zone === 'answer' ? d.entry.id : d.zone;
};
