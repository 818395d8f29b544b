/**
 * The procedures a booked business performs (洗牙, 烫发, 美甲, 按摩, 保养): said beside an
 * appointment's question (我想约洗牙, 洗牙要预约吗, 明天的烫发能改到后天吗) the procedure is the
 * occasion, and an entry on booking, cancelling or lateness that names no procedure answers it, as
 * an entry naming no goods answers for whatever was bought (../retrieve.ts). Not beside a question
 * on the procedure itself (补牙多少钱, 儿童齿科能做窝沟封闭吗): an entry on prices or children that
 * names no procedure does not say what this one costs or whether it is done. Class ids only, so
 * the matcher reads them without the classes' terms.
 */
const SERVICE =
  /^(?:(?:salon|spa|aesthetic)\.|clinic\.(?:checkup|scaling|extraction|filling|implant|orthodontics|whitening|sealant)$|fitness\.(?:private_coach|group_class|trial)$|training\.trial_class$|auto\.(?:maintenance|wash)$|home\.cleaning$|pet\.(?:grooming|boarding|deworming|neuter|ailment)$|studio\.photo$)/u;
/** Per concept, whether it is a procedure: asked of every concept of every question while compiling, and concepts are few (a look-up costs less than the regex). */
const serviceKinds = new Map<string, boolean>();
export function isServiceKind(concept: string): boolean {
  let kind = serviceKinds.get(concept);
  if (kind === undefined) {
    if (serviceKinds.size >= 100_000) serviceKinds.clear();
    serviceKinds.set(concept, (kind = SERVICE.test(concept)));
  }
  return kind;
}

/** What is done with an appointment (book it, move it, cancel it, come late, wait for it): the questions a procedure is the occasion of. */
const ACT = /^booking\.(?:book|availability|registration|confirm|reschedule|cancel|late|no_show|walk_in|waiting_time)$/u;
export const isAppointmentAct = (concept: string): boolean => ACT.test(concept);
