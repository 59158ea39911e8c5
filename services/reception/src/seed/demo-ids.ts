import { createHash } from 'node:crypto';

/**
 * A stable uuid for a demo record, derived from its key exactly as the appeals seed derives its
 * ids (services/appeals/src/seed/demo-region.ts, `seedId`), so reception's officials point at the
 * organizations and districts the appeals directory seeds: `organization:akimat`,
 * `organization:akimat-eskeldi`, `district:eskeldi`, ...
 */
export function demoId(key: string): string {
  const h = createHash('sha1').update(`bakylau-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
