import { LockMode } from '@mikro-orm/core';
import { requireRole } from '@bakylau/platform/auth/principal';
import { badUserInput, conflict, notFound } from '@bakylau/platform/errors';
import { isUuid } from '@bakylau/platform/ids';
import { SigningDelegation } from '../db/entities.ts';
import { lockDelegationsOfHead, overlappingDelegation } from '../db/signing-delegations.ts';
import { recordAppealsEvent } from '../events/appeals-events.ts';
import { civilDateProblems } from './appeal-input.ts';
import { actorOf, newId, todayOf, type UseCaseDeps } from './use-case-deps.ts';

/** Who keeps the register of delegations of the head's rights (R3.1): the head grants and revokes; the control staff read it. */
const delegationReaders = ['department_head', 'controller', 'registrar', 'admin'] as const;

/**
 * The department head delegates the rights only the head has (signing answers, deciding
 * extensions) to a substitute for a period (R3.1). Two live delegations of one head may not
 * overlap: on any day one person acts for the head.
 */
export async function delegateSigning(deps: UseCaseDeps, input: { substituteSubject: string; validFrom: string; validTo: string }): Promise<SigningDelegation> {
  const principal = requireRole(deps.principal, 'department_head');
  const substituteSubject = input.substituteSubject.trim();
  const problems = [...civilDateProblems('validFrom', input.validFrom), ...civilDateProblems('validTo', input.validTo)];
  if (!substituteSubject) problems.push({ field: 'substituteSubject', message: 'is required' });
  if (substituteSubject === principal.subject) problems.push({ field: 'substituteSubject', message: 'must be someone other than the head' });
  if (!problems.length && input.validFrom > input.validTo) problems.push({ field: 'validTo', message: 'must not be before validFrom' });
  if (problems.length) throw badUserInput('The delegation is invalid', problems);
  return deps.em.transactional(async (tx) => {
    await lockDelegationsOfHead(tx, principal.subject);
    const overlap = await overlappingDelegation(tx, principal.subject, input.validFrom, input.validTo);
    if (overlap) {
      throw conflict(`The period overlaps the delegation to another substitute from ${overlap.validFrom} to ${overlap.validTo}; revoke it first`);
    }
    const delegation = tx.create(SigningDelegation, {
      id: newId(),
      headSubject: principal.subject,
      substituteSubject,
      validFrom: input.validFrom,
      validTo: input.validTo,
      createdAt: deps.now(),
      revokedAt: null,
      revokedBy: null,
    });
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.signing-delegated.v1',
      delegation.id,
      { delegationId: delegation.id, headSubject: principal.subject, substituteSubject, validFrom: input.validFrom, validTo: input.validTo },
      actorOf(principal),
      deps.trace,
    );
    return delegation;
  });
}

/** The head ends a delegation before its last day; from then on the substitute acts for nobody. */
export async function revokeDelegation(deps: UseCaseDeps, id: string): Promise<SigningDelegation> {
  const principal = requireRole(deps.principal, 'department_head');
  if (!isUuid(id)) throw badUserInput('The delegation id is invalid', [{ field: 'id', message: 'must be a UUID' }]);
  return deps.em.transactional(async (tx) => {
    const delegation = await tx.findOne(SigningDelegation, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!delegation) throw notFound('SigningDelegation', id);
    if (delegation.revokedAt) throw conflict('The delegation was revoked already');
    if (delegation.validTo < todayOf(deps)) throw conflict('The delegation has ended already');
    delegation.revokedAt = deps.now();
    delegation.revokedBy = principal.subject;
    recordAppealsEvent(
      tx,
      'kz.bakylau.appeal.signing-delegation-revoked.v1',
      delegation.id,
      {
        delegationId: delegation.id,
        headSubject: delegation.headSubject,
        substituteSubject: delegation.substituteSubject,
        revokedAt: delegation.revokedAt.toISOString(),
      },
      actorOf(principal),
      deps.trace,
    );
    return delegation;
  });
}

/** The register, newest period first: the live delegations, or every one with `includeRevoked`. */
export async function listDelegations(deps: UseCaseDeps, includeRevoked: boolean): Promise<SigningDelegation[]> {
  requireRole(deps.principal, ...delegationReaders);
  return deps.em.find(SigningDelegation, includeRevoked ? {} : { revokedAt: null }, { orderBy: { validFrom: 'desc', id: 'desc' }, limit: 500 });
}
