import type { AuditEntryResolvers } from '../generated/graphql.ts';
import { getAuditEntry } from '../use-cases/audit-reading.ts';

export const AuditEntry: AuditEntryResolvers = {
  __resolveReference: (ref, ctx) => getAuditEntry(ctx, ref.id),
  actor: (entry) => (entry.actorSubject ? { subject: entry.actorSubject, role: entry.actorRole ?? '' } : null),
};
