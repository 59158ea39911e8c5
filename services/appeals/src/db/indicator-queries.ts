import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { openAppealSql, overdueAppealSql } from '@bakylau/platform/law/appeal-predicates';
import { civilDaySql } from '@bakylau/platform/civil-time';

export type OrganizationAppealIndicators = {
  received: number;
  answered: number;
  answeredOnTime: number;
  open: number;
  overdue: number;
  returnedForRework: number;
  reworkRate: number;
  averageDaysToAnswer: number | null;
  ratedSatisfied: number;
  ratedNotSatisfied: number;
  satisfactionShare: number | null;
};

const empty: OrganizationAppealIndicators = {
  received: 0,
  answered: 0,
  answeredOnTime: 0,
  open: 0,
  overdue: 0,
  returnedForRework: 0,
  reworkRate: 0,
  averageDaysToAnswer: null,
  ratedSatisfied: 0,
  ratedNotSatisfied: 0,
  satisfactionShare: null,
};

type Row = {
  organization_id: string;
  received: string;
  answered: string;
  on_time: string;
  open: string;
  overdue: string;
  reworked: string;
  reworked_answered: string;
  avg_days: string | null;
  satisfied: string;
  not_satisfied: string;
};

/** R5.9 indicators for many organizations in one grouped query, with the applicants' ratings (one per appeal, so the join does not multiply rows). Civil dates are Kazakhstan's (civilDaySql). */
export async function organizationIndicators(
  em: EntityManager,
  organizationIds: readonly string[],
  period: { from: Date | null; to: Date | null },
  today: string,
): Promise<OrganizationAppealIndicators[]> {
  const params: unknown[] = [today, ...organizationIds];
  let range = '';
  if (period.from) {
    range += ' and registered_at >= ?';
    params.push(period.from.toISOString());
  }
  if (period.to) {
    range += ' and registered_at < ?';
    params.push(period.to.toISOString());
  }
  const rows = await em.execute<Row[]>(
    `select organization_id,
       count(*) as received,
       count(*) filter (where state = 'ANSWERED') as answered,
       count(*) filter (where state = 'ANSWERED' and ${civilDaySql('signed_at')} <= due_date) as on_time,
       count(*) filter (where ${openAppealSql('state')}) as open,
       count(*) filter (where ${overdueAppealSql({ state: 'state', dueDate: 'due_date', today: '?::date' })}) as overdue,
       count(*) filter (where rework_count > 0) as reworked,
       count(*) filter (where state = 'ANSWERED' and rework_count > 0) as reworked_answered,
       avg(extract(epoch from signed_at - received_at) / 86400) filter (where state = 'ANSWERED') as avg_days,
       count(r.appeal_id) filter (where r.satisfied) as satisfied,
       count(r.appeal_id) filter (where not r.satisfied) as not_satisfied
     from appeal a left join appeal_rating r on r.appeal_id = a.id
     where organization_id in (${organizationIds.map(() => '?').join(', ')}) ${range}
     group by organization_id`,
    params,
  );
  const byOrg = new Map(rows.map((r) => [r.organization_id, r]));
  return organizationIds.map((id) => {
    const r = byOrg.get(id);
    if (!r) return empty;
    const answered = Number(r.answered);
    const satisfied = Number(r.satisfied);
    const rated = satisfied + Number(r.not_satisfied);
    return {
      received: Number(r.received),
      answered,
      answeredOnTime: Number(r.on_time),
      open: Number(r.open),
      overdue: Number(r.overdue),
      returnedForRework: Number(r.reworked),
      reworkRate: answered ? Number(r.reworked_answered) / answered : 0,
      averageDaysToAnswer: r.avg_days === null ? null : Math.round(Number(r.avg_days) * 10) / 10,
      ratedSatisfied: satisfied,
      ratedNotSatisfied: rated - satisfied,
      satisfactionShare: rated ? satisfied / rated : null,
    };
  });
}

/** Per request: one loader per distinct period, so a directory page costs one query per period. */
export function createIndicatorLoaders(em: EntityManager, today: () => string) {
  const loaders = new Map<string, DataLoader<string, OrganizationAppealIndicators>>();
  return (from: Date | null, to: Date | null): DataLoader<string, OrganizationAppealIndicators> => {
    const key = `${from?.toISOString() ?? ''}|${to?.toISOString() ?? ''}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader((ids) => organizationIndicators(em, ids, { from, to }, today()));
      loaders.set(key, loader);
    }
    return loader;
  };
}
