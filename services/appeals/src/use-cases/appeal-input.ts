import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarYearMissingError, civilDateInKazakhstan, isCivilDate } from '@bakylau/platform/calendar/index';
import type { FieldProblem } from '@bakylau/platform/errors';
import { emailProblem, normalizeEmail, normalizePhone, phoneProblem } from '@bakylau/platform/identity/contact';
import type { ApplicantType } from '../domain/appeal-kinds.ts';
import { binProblem, iinProblem } from '../domain/identification-number.ts';
import { Appeal, Category, District, Organization } from '../db/entities.ts';
import { isUuid } from '@bakylau/platform/ids';

export type ApplicantData = {
  type: ApplicantType;
  name?: string | null;
  iin?: string | null;
  bin?: string | null;
  representativeName?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  signatoriesCount?: number | null;
};

export type SignatureInput = { signer: string; certificateSerial: string; validFrom: Date; validTo: Date };
export type GeoInput = { lat: number; lon: number };
export type AttachmentInput = { fileName: string; mediaType: string; sizeBytes: number; storageKey: string };

const blank = (value: string | null | undefined): boolean => !value || value.trim() === '';

/** Problems with the applicant (art. 63 details; IIN/BIN check digits). */
export function applicantProblems(applicant: ApplicantData, path = 'applicant'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (field: keyof ApplicantData, message: string) => problems.push({ field: `${path}.${field}`, message });
  if (applicant.iin) {
    const problem = iinProblem(applicant.iin);
    if (problem) need('iin', problem);
  }
  if (applicant.bin) {
    const problem = binProblem(applicant.bin);
    if (problem) need('bin', problem);
  }
  problems.push(...contactProblems(applicant, path));
  // A count of signatories means something only on a collective appeal; elsewhere it would be stored as nothing, silently.
  if (applicant.type !== 'COLLECTIVE' && applicant.signatoriesCount != null) need('signatoriesCount', 'only for a collective appeal (type COLLECTIVE)');
  switch (applicant.type) {
    case 'INDIVIDUAL':
      if (blank(applicant.name)) need('name', 'is required for an individual');
      break;
    case 'LEGAL_ENTITY':
      if (blank(applicant.name)) need('name', 'is required for a legal entity');
      if (blank(applicant.bin)) need('bin', 'is required for a legal entity');
      if (blank(applicant.representativeName)) need('representativeName', 'is required for a legal entity');
      break;
    case 'COLLECTIVE':
      if (blank(applicant.name)) need('name', 'names the contact person of a collective appeal');
      if (!Number.isInteger(applicant.signatoriesCount) || (applicant.signatoriesCount ?? 0) < 2) {
        need('signatoriesCount', 'must be at least 2 for a collective appeal');
      }
      break;
    case 'ANONYMOUS':
      break;
  }
  return problems;
}

/** A phone and e-mail as given: blank means none. */
type Contacts = { phone?: string | null; email?: string | null };

/** Problems with a phone (E.164, a Kazakhstan number may be typed with 8) and an e-mail; the message names the field, never the value. */
export function contactProblems(contacts: Contacts, path = ''): FieldProblem[] {
  const field = (name: string) => (path ? `${path}.${name}` : name);
  const problems: FieldProblem[] = [];
  const phone = blank(contacts.phone) ? null : phoneProblem(contacts.phone ?? '');
  if (phone) problems.push({ field: field('phone'), message: phone });
  const email = blank(contacts.email) ? null : emailProblem(contacts.email ?? '');
  if (email) problems.push({ field: field('email'), message: email });
  return problems;
}

/** The contacts as stored: normalized (+77011234567), null when blank. */
export function storedContacts(contacts: Contacts): { phone: string | null; email: string | null } {
  return {
    phone: blank(contacts.phone) ? null : normalizePhone(contacts.phone ?? ''),
    email: blank(contacts.email) ? null : normalizeEmail(contacts.email ?? ''),
  };
}

/** Problems with the receipt instant: not in the future, within the working calendar's years. */
export function receivedAtProblems(receivedAt: Date, now: Date, knowsYear: (year: number) => boolean): FieldProblem[] {
  if (Number.isNaN(receivedAt.getTime())) return [{ field: 'receivedAt', message: 'is not a valid instant' }];
  if (receivedAt.getTime() > now.getTime() + 60_000) return [{ field: 'receivedAt', message: 'must not be in the future' }];
  let day: string;
  try {
    day = civilDateInKazakhstan(receivedAt);
  } catch {
    return [{ field: 'receivedAt', message: 'is before 1 March 2024, outside the supported range' }];
  }
  if (!knowsYear(Number(day.slice(0, 4)))) return [{ field: 'receivedAt', message: `no working-day calendar for ${day.slice(0, 4)}` }];
  return [];
}

export function signatureProblems(signature: SignatureInput, receivedAt: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (blank(signature.signer)) problems.push({ field: 'electronicSignature.signer', message: 'is required' });
  if (blank(signature.certificateSerial)) problems.push({ field: 'electronicSignature.certificateSerial', message: 'is required' });
  if (signature.validFrom.getTime() >= signature.validTo.getTime()) {
    problems.push({ field: 'electronicSignature.validTo', message: 'must be after validFrom' });
  } else if (receivedAt < signature.validFrom || receivedAt > signature.validTo) {
    problems.push({ field: 'electronicSignature.validTo', message: 'the certificate was not valid when the appeal was received' });
  }
  return problems;
}

export function contentProblems(input: { summary: string; text: string; geo?: GeoInput | null; attachments?: AttachmentInput[] | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (blank(input.summary)) problems.push({ field: 'summary', message: 'is required' });
  else if (input.summary.length > 500) problems.push({ field: 'summary', message: 'must be at most 500 characters' });
  if (blank(input.text)) problems.push({ field: 'text', message: 'is required' });
  if (input.geo) {
    if (!(input.geo.lat >= -90 && input.geo.lat <= 90)) problems.push({ field: 'geo.lat', message: 'must be between -90 and 90' });
    if (!(input.geo.lon >= -180 && input.geo.lon <= 180)) problems.push({ field: 'geo.lon', message: 'must be between -180 and 180' });
  }
  (input.attachments ?? []).forEach((a, i) => {
    if (blank(a.fileName)) problems.push({ field: `attachments.${i}.fileName`, message: 'is required' });
    if (!Number.isInteger(a.sizeBytes) || a.sizeBytes < 0) problems.push({ field: `attachments.${i}.sizeBytes`, message: 'must be a non-negative integer' });
  });
  return problems;
}

export function civilDateProblems(field: string, value: string | null | undefined): FieldProblem[] {
  return value && !isCivilDate(value) ? [{ field, message: 'is not a date YYYY-MM-DD' }] : [];
}

/** Whether a referenced row exists and is active (rows without an active flag are always active). */
export async function referenceStatus(em: EntityManager, entity: Reference['entity'], id: string): Promise<'missing' | 'inactive' | 'active'> {
  if (!isUuid(id)) return 'missing';
  let active: boolean | undefined;
  if (entity === 'category') active = (await em.findOne(Category, { id }))?.active;
  else if (entity === 'organization') active = (await em.findOne(Organization, { id }))?.active;
  else if (entity === 'district') active = (await em.findOne(District, { id })) ? true : undefined;
  else active = (await em.findOne(Appeal, { id })) ? true : undefined;
  if (active === undefined) return 'missing';
  return active ? 'active' : 'inactive';
}

type Reference = { field: string; id: string | null | undefined; entity: 'category' | 'district' | 'organization' | 'appeal'; activeOnly?: boolean };

/** Checks that referenced rows exist (and are active where it matters): unknown ids are input errors. */
export async function referenceProblems(em: EntityManager, references: Reference[]): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const ref of references) {
    if (!ref.id) continue;
    if (!isUuid(ref.id)) {
      problems.push({ field: ref.field, message: `unknown ${ref.entity}` });
      continue;
    }
    const status = await referenceStatus(em, ref.entity, ref.id);
    if (status === 'missing') problems.push({ field: ref.field, message: `unknown ${ref.entity}` });
    else if (ref.activeOnly && status === 'inactive') problems.push({ field: ref.field, message: `the ${ref.entity} is not active` });
  }
  return problems;
}

/** Turns a missing calendar year met while computing terms into a readable input error. */
export function calendarProblem(error: unknown, field: string): FieldProblem[] {
  if (error instanceof CalendarYearMissingError) return [{ field, message: `no working-day calendar for ${error.year}` }];
  throw error;
}
