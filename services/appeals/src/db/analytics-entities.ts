import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { systemicIssueStates } from '../domain/systemic-issues.ts';

/** A proposed systemic issue (R7.1); its evidence appeals live in `systemic_issue_appeal`. */
export const SystemicIssue = defineEntity({
  name: 'SystemicIssue',
  tableName: 'systemic_issue',
  indexes: [
    { name: 'systemic_issue_pair', columns: [{ name: 'category_id' }, { name: 'district_id' }, { name: 'detected_at', sort: 'DESC' }] },
    {
      name: 'systemic_issue_list',
      columns: [
        { name: 'detected_at', sort: 'DESC' },
        { name: 'id', sort: 'DESC' },
      ],
    },
  ],
  properties: {
    id: p.uuid().primary(),
    version: p.integer().version(),
    state: p.enum(systemicIssueStates),
    categoryId: p.uuid(),
    districtId: p.uuid(),
    windowFrom: p.date(),
    windowTo: p.date(),
    appealCount: p.integer(),
    previousCount: p.integer(),
    threshold: p.integer(),
    detectedAt: p.datetime(),
    detectedBy: p.text(),
    decidedBy: p.text().nullable(),
    decidedRole: p.text().nullable(),
    decidedAt: p.datetime().nullable(),
    decisionNote: p.text().nullable(),
    updatedAt: p.datetime(),
  },
});
export type SystemicIssue = InferEntity<typeof SystemicIssue>;

export const analyticsEntities = [SystemicIssue];
