import { randomInt } from 'node:crypto';

/** Random identifiers in WeCom's alphabets (msgids, tokens, open_kfids, media_ids). */
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const randomId = (n: number, alphabet = ALNUM): string => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
