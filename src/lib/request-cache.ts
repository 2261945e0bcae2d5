import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads that one Slack request would otherwise repeat: the workspace settings and the org chart,
 * asked by every access check of a Home render. The cache lives exactly as long as the request
 * (`withRequestCache` around its listener); outside one (jobs, scripts) every read goes to Postgres.
 * A write that changes a cached fact forgets it, so work after the write in the same request
 * (the Home tab refreshed after saving settings) reads the new value.
 */
const storage = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

export function withRequestCache<T>(work: () => Promise<T>): Promise<T> {
  return storage.run(new Map(), work);
}

/** The value under `key` for this request, loaded at most once; a failed load is not kept. */
export function perRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const cache = storage.getStore();
  if (!cache) return load();
  const cached = cache.get(key) as Promise<T> | undefined;
  if (cached) return cached;
  const loaded = load();
  cache.set(key, loaded);
  loaded.catch(() => cache.delete(key));
  return loaded;
}

/** Forgets what this request cached under `key`, after a write that changed it. */
export function forgetPerRequest(key: string): void {
  storage.getStore()?.delete(key);
}
