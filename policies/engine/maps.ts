/**
 * The map stored under `key` in a map of maps (or a WeakMap of them), created empty on first use: the caches
 * of a check are kept this way, by stack, resolver or resource, then by text or type.
 */
export function innerMap<K, InnerKey, InnerValue>(
  maps: {
    get(key: K): Map<InnerKey, InnerValue> | undefined;
    set(key: K, value: Map<InnerKey, InnerValue>): unknown;
  },
  key: K,
): Map<InnerKey, InnerValue> {
  let inner = maps.get(key);
  if (inner === undefined) {
    inner = new Map();
    maps.set(key, inner);
  }
  return inner;
}
