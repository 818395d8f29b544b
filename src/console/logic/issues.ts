import type { Issue } from '../../rules/config-validate';
import { pathKey, showPath, type Path } from './paths';

/**
 * Where each problem of a refused document is shown: at the field whose path is the longest prefix
 * of the issue's path (a bad `["knowledge", 2, "questions", 1]` lands on that question's input, a
 * missing key inside an entry on the entry's first field that owns it), or, when no field on the
 * page owns it, in the list above the form with its path spelled out.
 */
export interface PlacedIssues {
  /** Field key (pathKey) → the messages to show under it. */
  byField: Map<string, string[]>;
  unplaced: Issue[];
}

export function placeIssues(issues: readonly Issue[], fieldKeys: ReadonlySet<string>): PlacedIssues {
  const byField = new Map<string, string[]>();
  const unplaced: Issue[] = [];
  for (const issue of issues) {
    const key = ownerOf(issue.path, fieldKeys);
    if (key === undefined) unplaced.push(issue);
    else byField.set(key, [...(byField.get(key) ?? []), issueText(issue)]);
  }
  return { byField, unplaced };
}

function ownerOf(path: Path, fieldKeys: ReadonlySet<string>): string | undefined {
  for (let n = path.length; n > 0; n--) {
    const key = pathKey(path.slice(0, n));
    if (fieldKeys.has(key)) return key;
  }
  return undefined;
}

/** The message, with the keys zod names for an unknown key (a misspelt setting). */
export function issueText(issue: Issue): string {
  const keys = Array.isArray(issue['keys']) ? ` (${(issue['keys'] as unknown[]).join(', ')})` : '';
  return `${issue.message}${keys}`;
}

/** An issue outside any field: its path first, so the operator can find it. */
export const unplacedText = (issue: Issue): string => `${issue.path.length ? showPath(issue.path) : '文档'}: ${issueText(issue)}`;
