import type { z } from 'zod';
import { ConfigSchema, type Config } from './config';
import { isValidTimeZone } from './hours';
import { compileOperatorRegex } from './operator-regex';

/**
 * Whole-document validation of the config document: the zod schema (shapes, defaults) and then
 * the checks that compare sections with each other or need a runtime (regex engine, Intl).
 * Every issue points at the exact path of the offending value, like zod's own issues, so the
 * admin API answers one list an operator can act on.
 */

export type IssuePath = (string | number)[];

/** A zod issue (code, path, message and zod's details) or one of ours (code, path, message). */
export interface Issue {
  code: string;
  path: IssuePath;
  message: string;
  [detail: string]: unknown;
}

/**
 * Warnings do not refuse a document: they name settings that work but probably not as meant
 * (a route to a group not defined yet sends its customers to WeCom's shared pool).
 */
export type ConfigValidation = { ok: true; config: Config; warnings: Issue[] } | { ok: false; issues: Issue[] };

/**
 * Flags intent patterns are compiled with; validation must use the same ones (a pattern can be
 * valid without `u` and invalid with it). Tag rules carry their own `flags`.
 */
export const INTENT_REGEX_FLAGS = 'i';

/** WeCom refuses a kf link whose scene_param is longer than 128 bytes before urlencoding. */
export const SCENE_PARAM_MAX_BYTES = 128;

/** A channel's params as the kf link's scene_param: a query string (`store_id=BJ001&activity=summer_sale`). */
export function sceneParamOf(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** zod issues with paths as plain strings and numbers (JSON-safe). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.map((issue) => ({ ...issue, path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) }));
}

export function validateConfig(input: unknown): ConfigValidation {
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(parsed.error.issues) };
  const { issues, warnings } = crossCheck(parsed.data);
  return issues.length === 0 ? { ok: true, config: parsed.data, warnings } : { ok: false, issues };
}

function crossCheck(config: Config): { issues: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const add = (code: string, path: IssuePath, message: string) => issues.push({ code, path, message });
  const warn = (code: string, path: IssuePath, message: string) => warnings.push({ code, path, message });

  const unique = <T>(section: string, items: readonly T[] | undefined, field: string, key: (item: T) => string) => {
    const seen = new Map<string, number>();
    (items ?? []).forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else add('duplicate', [...section.split('.'), i, field], `duplicate ${field} "${k}" (already used at ${section}[${first}])`);
    });
  };
  unique('tag_rules', config.tag_rules, 'rule_name', (r) => r.rule_name);
  unique('channels', config.channels, 'code', (c) => c.code);
  unique('links', config.links, 'open_kfid', (l) => l.open_kfid);
  unique('groups', config.groups, 'id', (g) => g.id);
  unique('intents', config.intents, 'name', (i) => i.name);
  unique('knowledge', config.knowledge, 'id', (k) => k.id);
  unique('welcome.menu', config.welcome?.menu, 'id', (m) => m.id);
  unique('survey.options', config.survey?.options, 'id', (o) => o.id);

  checkRegexes(config, add);

  config.channels.forEach((channel, i) => {
    const bytes = new TextEncoder().encode(sceneParamOf(channel.params)).length;
    if (bytes > SCENE_PARAM_MAX_BYTES) {
      add('too_big', ['channels', i, 'params'], `params make a scene_param of ${bytes} bytes; WeCom allows ${SCENE_PARAM_MAX_BYTES}`);
    }
  });

  config.links.forEach((link, i) => {
    if (!isValidTimeZone(link.timezone)) add('invalid_timezone', ['links', i, 'timezone'], `"${link.timezone}" is not an IANA time zone (such as Asia/Shanghai)`);
    link.holidays.forEach((day, j) => {
      if (!isCalendarDate(day)) add('invalid_date', ['links', i, 'holidays', j], `"${day}" is not a calendar date`);
    });
    if (link.backup_open_kfid === link.open_kfid) warn('invalid_reference', ['links', i, 'backup_open_kfid'], 'the backup link is this link itself: failover will have nowhere else to go');
  });

  const groups = new Set(config.groups.map((g) => g.id));
  const defaultAt = config.routing.findIndex((r) => 'default' in r);
  config.routing.forEach((rule, i) => {
    if (rule.group !== undefined && !groups.has(rule.group)) {
      warn('unknown_reference', ['routing', i, 'group'], `no group with id "${rule.group}" in groups: its customers wait in WeCom's shared pool`);
    }
    if (defaultAt !== -1 && i > defaultAt) add('unreachable', ['routing', i], `never used: the default rule at routing[${defaultAt}] matches first`);
  });

  const contexts = new Set([...config.knowledge, ...config.intents].flatMap((e) => (e.sets_context ? [e.sets_context] : [])));
  config.knowledge.forEach((entry, i) => {
    if (entry.requires_context !== undefined && !contexts.has(entry.requires_context)) {
      add('unknown_reference', ['knowledge', i, 'requires_context'], `no knowledge entry or intent sets_context "${entry.requires_context}"`);
    }
  });

  return { issues, warnings };
}

/**
 * Every regex of the document compiles, and together they stay within one budget: at most
 * MAX_REGEXES patterns of at most REGEX_SOURCE_BUDGET characters in all (what validating the
 * document may compile, checked before compiling), and at most REGEX_BUDGET instructions in all
 * (what the patterns may cost one message: a message holding every prefilter literal runs them
 * all). Past a limit the rest is not compiled; the first pattern over it carries the issue.
 */
export const MAX_REGEXES = 200;
export const REGEX_SOURCE_BUDGET = 20_000;
export const REGEX_BUDGET = 2_000;

function checkRegexes(config: Config, add: (code: string, path: IssuePath, message: string) => void): void {
  const patterns: { path: IssuePath; pattern: string; flags: string }[] = [
    ...config.tag_rules.flatMap((rule, i) => (rule.trigger_type === 'message_regex' ? [{ path: ['tag_rules', i, 'pattern'], pattern: rule.pattern, flags: rule.flags ?? '' }] : [])),
    ...config.intents.flatMap((intent, i) => intent.patterns.map((pattern, j) => ({ path: ['intents', i, 'patterns', j], pattern, flags: INTENT_REGEX_FLAGS }))),
  ];
  const together = '(tag rules and intent patterns together)';
  let characters = 0;
  let instructions = 0;
  for (const [n, { path, pattern, flags }] of patterns.entries()) {
    characters += pattern.length;
    if (n === MAX_REGEXES) return add('too_many', path, `a document may hold at most ${MAX_REGEXES} regular expressions ${together}; this is number ${n + 1} of ${patterns.length}`);
    if (characters > REGEX_SOURCE_BUDGET) return add('too_big', path, `a document's regular expressions may hold at most ${REGEX_SOURCE_BUDGET} characters ${together}; this one brings them to ${characters}`);
    const compiled = compileOperatorRegex(pattern, flags);
    if (!compiled.ok) {
      add('unsafe_regex', path, compiled.reason);
      continue;
    }
    instructions += compiled.regex.size;
    if (instructions > REGEX_BUDGET) {
      return add('too_big', path, `a document's regular expressions may compile to at most ${REGEX_BUDGET} instructions ${together}, what one message may cost; this one brings them to ${instructions}: simplify or merge patterns`);
    }
  }
}

/** YYYY-MM-DD (shape checked by the schema) that names a real day: no 2026-02-30. */
function isCalendarDate(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
