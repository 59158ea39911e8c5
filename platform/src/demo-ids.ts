import { createHash } from 'node:crypto';

/**
 * A stable uuid (v5-shaped) for a demo record, from a key such as `organization:akimat`.
 * Every service's demo seed derives the ids of shared records (organizations, districts) with it,
 * so the seeds are idempotent and their cross-service references meet in the graph.
 */
export function demoId(key: string): string {
  const h = createHash('sha1').update(`bakylau-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
