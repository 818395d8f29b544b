/**
 * Sets `key` in a per-isolate memo and keeps at most `max` entries, dropping the ones set longest
 * ago: a memo keyed by corp (or anything else that is not bounded by the code) must not grow for
 * the isolate's life with every key it ever saw.
 */
export function keepAtMost<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  // Deleted first so that a key set again counts as the newest (a Map iterates in insertion order).
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}
