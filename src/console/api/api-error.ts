import type { Issue } from './shapes';

/** A refused request: the admin API's error shape `{error: {code, message, issues}}`, or the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
