import type { ExpiringMap } from "./bot-state-store.js";

/**
 * A Map that forgets entries older than `ttlMs` and its oldest entries beyond `capacity`, so
 * per-message memory stays bounded. Entries carry the time they were set, for saving and loading.
 */
export class ExpiringMemoryMap<V> implements ExpiringMap<V> {
  private readonly map = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
  ) {}

  async get(key: string): Promise<V | undefined> {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: V): Promise<void> {
    this.put(key, value, this.now());
    this.onChange();
  }

  get size(): number {
    return this.map.size;
  }

  /** Live entries, oldest first (for saving). */
  entries(): [string, { value: V; at: number }][] {
    const now = this.now();
    return [...this.map].filter(([, e]) => now - e.at <= this.ttlMs);
  }

  /** Puts back a saved entry (oldest first keeps the order). */
  restore(key: string, value: V, at: number): void {
    if (this.now() - at <= this.ttlMs) this.put(key, value, at);
  }

  private put(key: string, value: V, at: number): void {
    this.map.delete(key);
    this.map.set(key, { value, at });
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }
}
