import type { EntityManager } from '@mikro-orm/postgresql';
import { writeDocx } from '@bakylau/platform/documents/docx-writer';
import { signLink, verifySignedLink } from '@bakylau/platform/documents/signed-link';
import { notFound } from '@bakylau/platform/errors';
import type { DocumentLinksConfig } from '../config.ts';
import { Appeal, Organization } from '../db/entities.ts';
import { localizedName } from '../domain/appeal-labels.ts';
import { slipDocument } from '../domain/appeal-slip.ts';

export const slipPathPrefix = '/documents/slips/';
const slipPath = /^\/documents\/slips\/([0-9a-f-]{36})\.docx$/;

/**
 * The absolute, signed, expiring link to an appeal's printable slip. The graph hands it only to
 * callers who may see the appeal; the download then needs no token (a browser, a printer).
 */
export function slipDocumentUrl(links: DocumentLinksConfig, appealId: string, now: Date): string {
  const expiresAt = new Date(now.getTime() + links.ttlMinutes * 60_000);
  return `${links.publicBaseUrl}${signLink(`${slipPathPrefix}${appealId}.docx`, links.secret, expiresAt)}`;
}

/** Who accepted the appeal; for rows written without one, the account that registered it. */
export function acceptorName(appeal: Appeal): string {
  return appeal.acceptedByName ?? appeal.registeredBy;
}

/** The .docx of the slip of an appeal, or NOT_FOUND. */
export async function slipDocx(em: EntityManager, appealId: string, now: Date): Promise<{ registrationNumber: string; bytes: Uint8Array }> {
  const appeal = await em.findOne(Appeal, { id: appealId });
  if (!appeal) throw notFound('Appeal', appealId);
  const organization = appeal.acceptedByOrganizationId ? await em.findOne(Organization, { id: appeal.acceptedByOrganizationId }) : null;
  const document = slipDocument(
    {
      registrationNumber: appeal.registrationNumber,
      registeredAt: appeal.registeredAt,
      acceptedByName: acceptorName(appeal),
      acceptedByPosition: appeal.acceptedByPosition ?? null,
      organizationName: organization ? localizedName(organization, appeal.applicantLanguage) : null,
      kind: appeal.kind,
      termDueDate: appeal.dueDate,
    },
    now,
    appeal.applicantLanguage,
  );
  return { registrationNumber: appeal.registrationNumber, bytes: writeDocx(document) };
}

/** The slip behind a signed link `/documents/slips/<appealId>.docx?expires=…&signature=…`: a tampered or expired link is FORBIDDEN. */
export async function downloadSlip(em: EntityManager, links: DocumentLinksConfig, path: string, query: URLSearchParams, now: Date) {
  const match = slipPath.exec(path);
  if (!match?.[1]) throw notFound('Document', path);
  verifySignedLink(path, query, links.secret, now);
  const slip = await slipDocx(em, match[1], now);
  return { fileName: `Талон ${slip.registrationNumber}.docx`, asciiFileName: `slip-${match[1]}.docx`, bytes: slip.bytes };
}
