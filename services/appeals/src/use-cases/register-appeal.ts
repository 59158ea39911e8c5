import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { badUserInput, type FieldProblem } from '@bakylau/platform/errors';
import type { Actor } from '@bakylau/platform/events/cloud-event';
import type { AppealChannel, AppealKind } from '../domain/appeal-kinds.ts';
import type { ApplicantLanguage } from '../domain/applicant-notices.ts';
import { appealTerms, type AppealTerms } from '../domain/deadlines.ts';
import { ownApplicantIdentity } from '../domain/own-applicant.ts';
import { formatRegistrationNumber } from '../domain/registration-number.ts';
import { Appeal, AppealDueDateChange } from '../db/entities.ts';
import { recordAppealsEvent } from '../events/appeals-events.ts';
import {
  applicantProblems,
  calendarProblem,
  contentProblems,
  receivedAtProblems,
  referenceProblems,
  signatureProblems,
  storedContacts,
  type ApplicantData,
  type AttachmentInput,
  type GeoInput,
  type SignatureInput,
} from './appeal-input.ts';
import { registrationRoles } from './appeal-access.ts';
import { actorOf, newId, type UseCaseDeps } from './use-case-deps.ts';

export type RegisterAppealInput = {
  kind: AppealKind;
  channel: AppealChannel;
  receivedAt?: Date | null;
  applicant: ApplicantData;
  electronicSignature?: SignatureInput | null;
  summary: string;
  text: string;
  categoryId?: string | null;
  districtId?: string | null;
  addresseeId?: string | null;
  geo?: GeoInput | null;
  attachments?: AttachmentInput[] | null;
  underAkimControl?: boolean | null;
  repeatedOfId?: string | null;
  duplicateOfId?: string | null;
  language?: ApplicantLanguage | null;
};

/** Who accepted the appeal, for the slip (АППК art. 64). */
export type Acceptor = { name: string; position: string | null; organizationId: string | null };

/** The acceptor of an appeal the system registers by itself (electronic self-filing, a reception's request). */
export function systemAcceptor(channel: 'ELECTRONIC' | 'PERSONAL_RECEPTION'): Acceptor {
  const how = channel === 'ELECTRONIC' ? 'электронная регистрация' : 'регистрация по итогам личного приёма';
  return { name: `Единая система Bakylau (${how})`, position: null, organizationId: null };
}

type NewAppeal = RegisterAppealInput & {
  applicantSubject: string | null;
  sourceAppointmentId: string | null;
  /** The official of the reception the appeal was given at (reception appeals only). */
  receptionOfficialSubject?: string | null;
  acceptedBy: Acceptor;
};

/**
 * Validates everything (fields, references, terms) and throws one BAD_USER_INPUT listing every
 * problem, before the registration number is taken or any row is written.
 */
async function validateNewAppeal(tx: EntityManager, deps: UseCaseDeps, input: NewAppeal, receivedAt: Date): Promise<AppealTerms> {
  const problems: FieldProblem[] = [
    ...applicantProblems(input.applicant),
    ...receivedAtProblems(receivedAt, deps.now(), (year) => deps.calendar.knows(year)),
    ...contentProblems(input),
  ];
  if (input.channel === 'ELECTRONIC') {
    if (!input.electronicSignature && !input.applicantSubject) {
      problems.push({ field: 'electronicSignature', message: 'is required for an electronic appeal' });
    }
  }
  if (input.electronicSignature) problems.push(...signatureProblems(input.electronicSignature, receivedAt));
  problems.push(
    ...(await referenceProblems(tx, [
      { field: 'categoryId', id: input.categoryId, entity: 'category', activeOnly: true },
      { field: 'districtId', id: input.districtId, entity: 'district' },
      { field: 'addresseeId', id: input.addresseeId, entity: 'organization', activeOnly: true },
      { field: 'repeatedOfId', id: input.repeatedOfId, entity: 'appeal' },
      { field: 'duplicateOfId', id: input.duplicateOfId, entity: 'appeal' },
    ])),
  );
  let terms: AppealTerms | null = null;
  if (problems.every((p) => p.field !== 'receivedAt')) {
    try {
      terms = appealTerms(input.kind, receivedAt, deps.calendar, deps.workingDayEnd);
    } catch (error) {
      problems.push(...calendarProblem(error, 'receivedAt'));
    }
  }
  if (problems.length || !terms) throw badUserInput('The appeal cannot be registered: check the fields', problems);
  return terms;
}

/** Takes the next number of the year: the counter row stays locked until the transaction ends, so numbers are gapless. */
async function nextSequence(tx: EntityManager, year: number): Promise<number> {
  await tx.execute('insert into registration_counter (year, next) values (?, 1) on conflict (year) do nothing', [year]);
  const rows = await tx.execute<{ taken: number }[]>('update registration_counter set next = next + 1 where year = ? returning next - 1 as taken', [year]);
  const taken = rows[0]?.taken;
  if (taken === undefined) throw new Error(`registration counter for ${year} is missing`);
  return taken;
}

/** Registers an appeal inside the caller's transaction and records `appeal.registered`. */
export async function registerInTransaction(tx: EntityManager, deps: UseCaseDeps, input: NewAppeal, actor: Actor): Promise<Appeal> {
  const now = deps.now();
  const receivedAt = input.receivedAt ?? now;
  const terms = await validateNewAppeal(tx, deps, input, receivedAt);
  // Numbers are per year of registration (the slip's date), in Kazakhstan time.
  const year = Number(civilDateInKazakhstan(now).slice(0, 4));
  const sequence = await nextSequence(tx, year);
  const anonymous = input.applicant.type === 'ANONYMOUS';
  const contacts = storedContacts(input.applicant);
  const appeal = tx.create(Appeal, {
    id: newId(),
    registrationNumber: formatRegistrationNumber(deps.registrationNumberFormat, year, sequence),
    registrationYear: year,
    registrationSequence: sequence,
    kind: input.kind,
    channel: input.channel,
    state: 'REGISTERED',
    receivedAt,
    registeredAt: now,
    registeredBy: actor.subject,
    acceptedByName: input.acceptedBy.name,
    acceptedByPosition: input.acceptedBy.position,
    // The registrar's own body when their token names one, else the body the appeal is addressed to.
    acceptedByOrganizationId: input.acceptedBy.organizationId ?? input.addresseeId ?? null,
    termStartDate: terms.termStartDate,
    dueDate: terms.dueDate,
    dueDateCalendarVerified: terms.dueDateCalendarVerified,
    forwardingDueDate: terms.forwardingDueDate,
    applicantType: input.applicant.type,
    applicantSubject: input.applicantSubject,
    applicantName: anonymous ? null : (input.applicant.name ?? null),
    applicantIin: anonymous ? null : (input.applicant.iin ?? null),
    applicantBin: anonymous ? null : (input.applicant.bin ?? null),
    applicantRepresentative: anonymous ? null : (input.applicant.representativeName ?? null),
    applicantPhone: anonymous ? null : contacts.phone,
    applicantEmail: anonymous ? null : contacts.email,
    applicantAddress: anonymous ? null : (input.applicant.address ?? null),
    applicantLanguage: input.language ?? 'RU',
    signatoriesCount: input.applicant.type === 'COLLECTIVE' ? (input.applicant.signatoriesCount ?? null) : null,
    signature: input.electronicSignature
      ? {
          signer: input.electronicSignature.signer,
          certificateSerial: input.electronicSignature.certificateSerial,
          validFrom: input.electronicSignature.validFrom.toISOString(),
          validTo: input.electronicSignature.validTo.toISOString(),
        }
      : null,
    summary: input.summary.trim(),
    text: input.text,
    categoryId: input.categoryId ?? null,
    districtId: input.districtId ?? null,
    organizationId: input.addresseeId ?? null,
    geoLat: input.geo?.lat ?? null,
    geoLon: input.geo?.lon ?? null,
    attachments: (input.attachments ?? []).map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, storageKey: a.storageKey })),
    underAkimControl: input.underAkimControl ?? false,
    repeatedOfId: input.repeatedOfId ?? null,
    duplicateOfId: input.duplicateOfId ?? null,
    sourceAppointmentId: input.sourceAppointmentId,
    receptionOfficialSubject: input.receptionOfficialSubject ?? null,
    reworkCount: 0,
    updatedAt: now,
  });
  tx.create(AppealDueDateChange, {
    id: newId(),
    appealId: appeal.id,
    dueDate: terms.dueDate,
    reason: `initial term (${input.kind === 'COMPLAINT' ? 'complaint' : 'appeal'})`,
    decidedBy: actor.subject,
    decidedAt: now,
    applicantNoticeDueBy: null,
  });
  recordAppealsEvent(
    tx,
    'kz.bakylau.appeal.registered.v1',
    appeal.id,
    {
      appealId: appeal.id,
      registrationNumber: appeal.registrationNumber,
      kind: appeal.kind,
      channel: appeal.channel,
      categoryId: appeal.categoryId ?? null,
      districtId: appeal.districtId ?? null,
      organizationId: appeal.organizationId ?? null,
      receivedAt: receivedAt.toISOString(),
      registeredAt: now.toISOString(),
      dueDate: appeal.dueDate,
      underAkimControl: appeal.underAkimControl,
      ...(input.sourceAppointmentId ? { sourceAppointmentId: input.sourceAppointmentId } : {}),
    },
    actor,
    deps.trace,
  );
  return appeal;
}

/** A registrar registers an appeal from any channel (R5.1). */
export async function registerAppeal(deps: UseCaseDeps, input: RegisterAppealInput): Promise<Appeal> {
  const principal = requireRole(deps.principal, ...registrationRoles);
  return deps.em.transactional((tx) =>
    registerInTransaction(
      tx,
      deps,
      {
        ...input,
        applicantSubject: null,
        sourceAppointmentId: null,
        // A token without a name still names someone: the account's subject.
        acceptedBy: { name: principal.name ?? principal.subject, position: principal.position ?? null, organizationId: principal.organizationId },
      },
      actorOf(principal),
    ),
  );
}

export type FileAppealInput = Pick<
  RegisterAppealInput,
  'kind' | 'applicant' | 'summary' | 'text' | 'categoryId' | 'districtId' | 'geo' | 'attachments' | 'language'
>;

/**
 * A citizen files an appeal electronically: they become the applicant subject, and the applicant is
 * who their token proves them to be (their IIN, or the BIN they represent). The access token
 * authenticates them, so no separate signature block is required.
 */
export async function fileAppeal(deps: UseCaseDeps, input: FileAppealInput): Promise<Appeal> {
  const principal = requireRole(deps.principal, 'citizen');
  const applicant = ownApplicantIdentity(principal, input.applicant);
  return deps.em.transactional((tx) =>
    registerInTransaction(
      tx,
      deps,
      {
        ...input,
        applicant,
        channel: 'ELECTRONIC',
        receivedAt: null,
        applicantSubject: principal.subject,
        sourceAppointmentId: null,
        acceptedBy: systemAcceptor('ELECTRONIC'),
      },
      actorOf(principal),
    ),
  );
}
