/** A string key-value store that never throws. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * localStorage when the page lets us use it, memory when it does not: reading `localStorage`
 * throws in sandboxed iframes and with storage blocked, and writes throw when it is full
 * (and in old Safari private mode). Losing persistence beats breaking the host page.
 */
export function createStore(getStorage: () => Storage): KeyValueStore {
  const memory = new Map<string, string>();
  let storage: Storage | null;
  try {
    storage = getStorage();
  } catch {
    storage = null;
  }
  return {
    get(key) {
      if (memory.has(key)) return memory.get(key) ?? null;
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (!storage) throw new Error('no storage');
        storage.setItem(key, value);
        memory.delete(key);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing was stored there then.
      }
    },
  };
}

/** `JSON.parse` that answers `undefined` instead of throwing on a corrupt value. */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
