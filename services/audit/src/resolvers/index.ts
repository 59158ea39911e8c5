import type { Resolvers } from '../generated/graphql.ts';
import { DateScalar, DateTimeScalar, JSONScalar } from '@bakylau/platform/graphql/scalars';
import { Appeal, Appointment, Instruction } from './audited-entities.ts';
import { AuditEntry } from './audit-entry.ts';
import { ComplianceViolation } from './compliance-violation.ts';
import { Mutation } from './mutation.ts';
import { Organization, OrganizationCompliance } from './organization.ts';
import { Query } from './query.ts';
import { RecordKeepingInspection } from './record-keeping-inspection.ts';
import { StaffBriefing } from './staff-briefing.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  JSON: JSONScalar,
  Query,
  Mutation,
  AuditEntry,
  ComplianceViolation,
  RecordKeepingInspection,
  StaffBriefing,
  Appeal,
  Instruction,
  Appointment,
  Organization,
  OrganizationCompliance,
};
