import { ACCOUNT_LIMIT, ACCOUNT_PAGE_MAX } from './kf-limits';

/**
 * Every kf account, page by page: kf/account/list answers at most `limit` per call and the last
 * page is the first with fewer than `limit` (an exact multiple ends with an empty page).
 */

export type AccountPage<T> = (offset: number, limit: number) => Promise<readonly T[]>;

export async function listAllPages<T>(page: AccountPage<T>, limit: number = ACCOUNT_PAGE_MAX): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > ACCOUNT_PAGE_MAX) throw new RangeError(`limit must be 1..${ACCOUNT_PAGE_MAX}`);
  const all: T[] = [];
  // One page more than a corp can fill (5000 accounts): a list that never ends is an error, not a loop.
  const maxPages = Math.ceil(ACCOUNT_LIMIT / limit) + 1;
  for (let pages = 0; pages < maxPages; pages++) {
    const items = await page(all.length, limit);
    all.push(...items);
    if (items.length < limit) return all;
  }
  throw new Error(`kf/account/list kept answering full pages past ${all.length} accounts`);
}
