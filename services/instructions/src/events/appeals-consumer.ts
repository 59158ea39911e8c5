import type { EntityManager } from '@mikro-orm/postgresql';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';

export const appealEventTypes = {
  closed: 'kz.bakylau.appeal.closed.v1',
  answered: 'kz.bakylau.appeal.answered.v1',
  organizationUpserted: 'kz.bakylau.organization.upserted.v1',
  signingDelegated: 'kz.bakylau.appeal.signing-delegated.v1',
  signingDelegationRevoked: 'kz.bakylau.appeal.signing-delegation-revoked.v1',
} as const;

type AppealsEventData = {
  appealId?: unknown;
  organizationId?: unknown;
  name?: unknown;
  kind?: unknown;
  parentId?: unknown;
  districtId?: unknown;
  active?: unknown;
  delegationId?: unknown;
  headSubject?: unknown;
  substituteSubject?: unknown;
  validFrom?: unknown;
  validTo?: unknown;
  revokedAt?: unknown;
};

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/**
 * From appeals: an appeal answered or closed while an instruction on it is still open sets the
 * instruction's flag (the controller decides what it means); organization upserts keep the local
 * read copy of the directory that executor checks use; the head's delegations keep the read copy
 * that lets a substitute act for the head here too (R3.1).
 */
export async function handleAppealsEvent(em: EntityManager, event: CloudEvent): Promise<void> {
  const data = (event.data ?? {}) as AppealsEventData;
  if (event.type === appealEventTypes.closed || event.type === appealEventTypes.answered) {
    const appealId = str(data.appealId) ?? str(event.subject);
    if (!appealId) return;
    await em.execute(
      `update instruction set basis_appeal_closed_while_open = true, version = version + 1
        where control_state <> 'EXECUTED' and not basis_appeal_closed_while_open and basis_appeal_ids @> array[?]::text[]`,
      [appealId],
    );
    return;
  }
  if (event.type === appealEventTypes.signingDelegated) {
    const [id, head, substitute, from, to] = [data.delegationId, data.headSubject, data.substituteSubject, data.validFrom, data.validTo].map(str);
    if (!id || !head || !substitute || !from || !to) return;
    // A redelivered grant changes nothing (nor undoes a revocation applied since).
    await em.execute(
      `insert into delegation_copy (id, head_subject, substitute_subject, valid_from, valid_to) values (?, ?, ?, ?::date, ?::date) on conflict (id) do nothing`,
      [id, head, substitute, from, to],
    );
    return;
  }
  if (event.type === appealEventTypes.signingDelegationRevoked) {
    const [id, revokedAt] = [data.delegationId, data.revokedAt].map(str);
    if (!id || !revokedAt) return;
    // Both facts are keyed by the delegation, so its grant arrived before on the same partition.
    await em.execute('update delegation_copy set revoked_at = ?::timestamptz where id = ? and revoked_at is null', [revokedAt, id]);
    return;
  }
  if (event.type === appealEventTypes.organizationUpserted) {
    const id = str(data.organizationId) ?? str(event.subject);
    if (!id) return;
    // Later facts win: an older upsert redelivered after a newer one changes nothing.
    await em.execute(
      `insert into organization_copy (id, name, kind, parent_id, district_id, active, updated_at) values (?, ?, ?, ?, ?, ?, ?::timestamptz)
       on conflict (id) do update set name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id,
         district_id = excluded.district_id, active = excluded.active, updated_at = excluded.updated_at
       where organization_copy.updated_at <= excluded.updated_at`,
      [id, str(data.name) ?? id, str(data.kind), str(data.parentId), str(data.districtId), data.active !== false, event.time],
    );
  }
}
