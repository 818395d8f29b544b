/**
 * The part of a Durable Object's key-value storage the Suite's collaborators use:
 * DurableObjectStorage is one, Node tests pass a Map-backed one.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<boolean>;
  list<T>(options: { prefix: string }): Promise<Map<string, T>>;
}
