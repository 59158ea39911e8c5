import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsConfig } from '../config.ts';

/** An earlier appeal that likely concerns the same matter. */
export type LikelyDuplicateRow = { appealId: string; similarity: number; sameApplicant: boolean };

/** How far back and how many earlier appeals the duplicate check lists. */
const lookbackDays = 365;
const maxDuplicates = 10;
/** Nearest appeals looked at (some may be later or older than a year). */
const nearestCandidates = 30;
const trigramDocument = (alias: string) => `(${alias}.summary || ' ' || left(${alias}.text, 400))`;

/**
 * For a batch of appeals, the earlier appeals (registered before each, within a year) that are most
 * similar by summary and opening of the text (the 10 nearest by pg_trgm distance, walked in the GiST
 * index, kept when at or above the threshold), and those from the same applicant IIN (the 10 latest);
 * the same applicant first, then the most similar.
 */
export async function likelyDuplicates(em: EntityManager, ids: readonly string[], threshold: number): Promise<LikelyDuplicateRow[][]> {
  const earlier = `a.id <> s.id and a.registered_at <= s.registered_at and a.registered_at > s.registered_at - interval '${lookbackDays} days'`;
  const rows = await em.execute<{ source_id: string; id: string; similarity: number; same_applicant: boolean }[]>(
    `select s.id as source_id, c.id, c.similarity, c.same_applicant
     from appeal s cross join lateral (
       -- Only the distance ordering in here, so the planner walks the GiST index (a date condition
       -- would tempt it to sort the whole year instead); earlier-within-a-year is checked outside.
       (select n.id, n.similarity, false as same_applicant from (
          select a.id, a.registered_at, similarity(${trigramDocument('a')}, ${trigramDocument('s')}) as similarity
          from appeal a where a.id <> s.id
          order by ${trigramDocument('a')} <-> ${trigramDocument('s')} limit ${nearestCandidates}) n
        where n.registered_at <= s.registered_at and n.registered_at > s.registered_at - interval '${lookbackDays} days')
       union all
       (select a.id, similarity(${trigramDocument('a')}, ${trigramDocument('s')}), true
        from appeal a where s.applicant_iin is not null and a.applicant_iin = s.applicant_iin and ${earlier}
        order by a.registered_at desc limit ${maxDuplicates})
     ) c
     where s.id in (${ids.map(() => '?').join(', ')}) and (c.same_applicant or c.similarity >= ?)`,
    [...ids, threshold],
  );
  const groups = new Map<string, Map<string, LikelyDuplicateRow>>();
  for (const row of rows) {
    const list = groups.get(row.source_id) ?? new Map<string, LikelyDuplicateRow>();
    const seen = list.get(row.id);
    const similarity = Math.round(row.similarity * 1000) / 1000;
    list.set(row.id, { appealId: row.id, similarity, sameApplicant: row.same_applicant || (seen?.sameApplicant ?? false) });
    groups.set(row.source_id, list);
  }
  return ids.map((id) =>
    [...(groups.get(id)?.values() ?? [])]
      .sort((x, y) => Number(y.sameApplicant) - Number(x.sameApplicant) || y.similarity - x.similarity || x.appealId.localeCompare(y.appealId))
      .slice(0, maxDuplicates),
  );
}

/** Per-request loaders of the analytics (kept apart from the core loaders). */
export function createAnalyticsLoaders(em: EntityManager, config: AnalyticsConfig) {
  return {
    likelyDuplicates: new DataLoader<string, LikelyDuplicateRow[]>((ids) => likelyDuplicates(em, ids, config.duplicateSimilarity)),
    evidenceByIssue: new DataLoader<string, string[]>(async (ids) => {
      const rows = await em.execute<{ systemic_issue_id: string; appeal_id: string }[]>(
        `select e.systemic_issue_id, e.appeal_id from systemic_issue_appeal e join appeal a on a.id = e.appeal_id
         where e.systemic_issue_id in (${ids.map(() => '?').join(', ')}) order by a.registered_at desc, a.id desc`,
        [...ids],
      );
      const groups = new Map<string, string[]>();
      for (const row of rows) groups.set(row.systemic_issue_id, [...(groups.get(row.systemic_issue_id) ?? []), row.appeal_id]);
      return ids.map((id) => groups.get(id) ?? []);
    }),
  };
}

export type AnalyticsLoaders = ReturnType<typeof createAnalyticsLoaders>;
