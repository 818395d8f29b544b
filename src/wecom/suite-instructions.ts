import { z } from 'zod';

/**
 * The instruction callbacks a suite receives on its 指令回调 URL, decrypted and flattened by the
 * strict XML reader: suite_ticket (https://developer.work.weixin.qq.com/document/path/90628),
 * create_auth / change_auth / cancel_auth (https://developer.work.weixin.qq.com/document/path/90642)
 * and 代开发's reset_permanent_code (https://developer.work.weixin.qq.com/document/path/97175).
 */

const id = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII' });
const timeStamp = z.string().regex(/^\d{1,12}$/, { error: 'TimeStamp must be unix seconds' });
const base = { SuiteId: id, TimeStamp: timeStamp };

export const InstructionSchema = z.discriminatedUnion('InfoType', [
  z.object({ ...base, InfoType: z.literal('suite_ticket'), SuiteTicket: id }),
  /** No AuthCorpId: the corp is learned by exchanging the AuthCode. */
  z.object({ ...base, InfoType: z.literal('create_auth'), AuthCode: id, State: z.string().max(128).optional() }),
  z.object({ ...base, InfoType: z.literal('reset_permanent_code'), AuthCode: id }),
  z.object({ ...base, InfoType: z.literal('change_auth'), AuthCorpId: id }),
  z.object({ ...base, InfoType: z.literal('cancel_auth'), AuthCorpId: id }),
]);
export type Instruction = z.infer<typeof InstructionSchema>;

export type ReadInstruction = { kind: 'known'; instruction: Instruction } | { kind: 'other'; infoType: string; suiteId: string };

export class InstructionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstructionError';
  }
}

const KNOWN = new Set(['suite_ticket', 'create_auth', 'reset_permanent_code', 'change_auth', 'cancel_auth']);

/**
 * One decrypted instruction. InfoTypes we do not act on (contact changes, license events…) are
 * `other` and acknowledged; a known one that is malformed throws InstructionError.
 */
export function readInstruction(fields: Record<string, string>): ReadInstruction {
  const infoType = fields.InfoType ?? '';
  if (!KNOWN.has(infoType)) {
    if (!fields.SuiteId) throw new InstructionError('an instruction without <SuiteId>');
    return { kind: 'other', infoType, suiteId: fields.SuiteId };
  }
  const parsed = InstructionSchema.safeParse(fields);
  if (!parsed.success) throw new InstructionError(`malformed ${infoType}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { kind: 'known', instruction: parsed.data };
}
