import type { EntityManager } from '@mikro-orm/postgresql';
import { canSeePersonalData, requireRole, type Principal, type Role } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { createCsvWriter, csvMediaType } from '@bakylau/platform/documents/csv-writer';
import { signLink, verifySignedLink } from '@bakylau/platform/documents/signed-link';
import { createXlsxWriter, xlsxMediaType } from '@bakylau/platform/documents/xlsx-writer';
import { badUserInput, forbidden } from '@bakylau/platform/errors';
import type { DocumentLinksConfig, RegistryExportConfig } from '../config.ts';
import { countAppeals, registryRecordsPage, type RegistryQuery, type RegistryRecord } from '../db/appeal-queries.ts';
import { directoryNames } from '../db/report-queries.ts';
import { checkAppealFilter, type AppealListFilter } from '../domain/appeal-filter.ts';
import { claimRegistryExportGrant, saveRegistryExportGrant } from '../db/registry-export-grants.ts';
import {
  grantFromJson,
  grantToJson,
  parseRegistryPath,
  registryColumns,
  registryFileNames,
  registryPath,
  registryRows,
  type RegistryEntry,
  type RegistryExportFormat,
  type RegistryExportGrant,
} from '../domain/registry-export.ts';
import { appealScope } from './appeal-access.ts';
import { searchReachOf } from './search-appeals.ts';
import type { UseCaseDeps } from './use-case-deps.ts';

/** Who may export the registry: staff who keep or watch it (analysts without personal data), executors their organization's part. */
const registryExportRoles: Role[] = ['registrar', 'controller', 'department_head', 'admin', 'analyst', 'executor'];
/** Rows read per statement while writing the file. */
const exportPageSize = 1_000;

/** What `exportAppealRegistry` returns: where to download the file, until when, and how many rows it held when asked. */
export type RegistryExport = { fileName: string; mediaType: string; url: string; expiresAt: Date; rowCount: number };

const mediaTypes: Record<RegistryExportFormat, string> = { XLSX: xlsxMediaType, CSV: csvMediaType };

function checkRowCount(rowCount: number, settings: RegistryExportConfig): void {
  if (rowCount > settings.maxRows) {
    throw badUserInput(
      `The filter selects ${rowCount} appeals, more than the ${settings.maxRows} an export may hold; narrow the filter (a period, a district, a state)`,
      [{ field: 'filter', message: `selects more than ${settings.maxRows} appeals` }],
    );
  }
}

/** The registry query of a caller: their scope, and text matching only where they may read. */
function registryQueryOf(principal: Principal, filter: AppealListFilter, today: string): RegistryQuery {
  return { filter, scope: appealScope(principal), today, textReach: searchReachOf(principal) };
}

/**
 * Grants an export of the registry for the graph: checks the caller and the filter, counts the
 * rows (an export over the cap is refused now, not at download), keeps the grant and signs a link
 * to it. The link needs no token (a browser follows it), so it is what a bearer link to the
 * journal of personal data must be: minutes long, good for one download, and carrying no filter
 * or account anyone could read.
 */
export async function requestRegistryExport(
  deps: UseCaseDeps,
  links: DocumentLinksConfig,
  settings: RegistryExportConfig,
  filter: AppealListFilter,
  format: RegistryExportFormat,
): Promise<RegistryExport> {
  const principal = requireRole(deps.principal, ...registryExportRoles);
  const now = deps.now();
  const today = civilDateInKazakhstan(now);
  const query = registryQueryOf(principal, filter, today);
  checkAppealFilter(filter);
  const rowCount = await countAppeals(deps.em, query);
  checkRowCount(rowCount, settings);
  const grant: RegistryExportGrant = {
    filter,
    caller: { role: principal.role, subject: principal.subject, organizationId: principal.organizationId },
    personal: canSeePersonalData(principal),
    format,
  };
  const expiresAt = new Date(now.getTime() + settings.linkMinutes * 60_000);
  const grantId = await saveRegistryExportGrant(deps.em, grantToJson(grant), expiresAt);
  return {
    fileName: registryFileNames(format, today).fileName,
    mediaType: mediaTypes[format],
    url: links.publicBaseUrl + signLink(registryPath(grantId, format), links.secret, expiresAt),
    expiresAt,
    rowCount,
  };
}

type Names = { category: Map<string, string>; district: Map<string, string>; organization: Map<string, string> };

/** Looks up the names of a page's directory ids not seen on earlier pages: at most one statement per directory. */
async function loadNames(em: EntityManager, records: readonly RegistryRecord[], names: Names): Promise<void> {
  const missing = (table: keyof Names, ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => !!id && !names[table].has(id)))];
  const lookups = (
    [
      [
        'category',
        missing(
          'category',
          records.map((r) => r.categoryId),
        ),
      ],
      [
        'district',
        missing(
          'district',
          records.map((r) => r.districtId),
        ),
      ],
      [
        'organization',
        missing(
          'organization',
          records.map((r) => r.organizationId),
        ),
      ],
    ] as const
  ).filter(([, ids]) => ids.length > 0);
  const found = await Promise.all(lookups.map(([table, ids]) => directoryNames(em, table, ids)));
  lookups.forEach(([table], i) => {
    for (const [id, name] of found[i] ?? []) names[table].set(id, name);
  });
}

function entryOf(record: RegistryRecord, names: Names): RegistryEntry {
  const name = (table: keyof Names, id: string | null) => (id ? (names[table].get(id) ?? null) : null);
  return {
    ...record,
    category: name('category', record.categoryId),
    district: name('district', record.districtId),
    executor: name('organization', record.organizationId),
  };
}

/**
 * Writes the registry of `query` into a file, page by page in the registry's order (one statement
 * per page for the rows, at most three for names not met before), stopping at the cap.
 */
async function writeRegistry(
  em: EntityManager,
  query: RegistryQuery,
  personal: boolean,
  format: RegistryExportFormat,
  now: Date,
  maxRows: number,
): Promise<Uint8Array> {
  const columns = registryColumns(personal);
  const writer =
    format === 'XLSX'
      ? createXlsxWriter({ sheetName: 'Реестр обращений', columns, title: 'Реестр обращений', author: 'Bakylau', created: now })
      : createCsvWriter(columns.map((c) => c.header));
  const names: Names = { category: new Map(), district: new Map(), organization: new Map() };
  let after: { registeredKey: string; id: string } | null = null;
  for (let written = 0; written < maxRows;) {
    const limit = Math.min(exportPageSize, maxRows - written);
    const records = await registryRecordsPage(em, { ...query, personal, after, limit });
    await loadNames(em, records, names);
    writer.addRows(
      registryRows(
        records.map((r) => entryOf(r, names)),
        personal,
        query.today,
      ),
    );
    written += records.length;
    const last = records.at(-1);
    if (!last || records.length < limit) break;
    after = { registeredKey: last.registeredKey, id: last.id };
  }
  return writer.finish();
}

/**
 * The download behind a signed link `/documents/registry/<grant id>.<xlsx|csv>?expires&signature`:
 * a tampered, expired or already used link is FORBIDDEN; the grant is claimed, read back as
 * strictly as the graph reads its arguments, the caller's role and scope checked again, the cap
 * re-checked, and the file generated with the rows of this moment.
 */
export async function downloadRegistry(
  em: EntityManager,
  links: DocumentLinksConfig,
  settings: RegistryExportConfig,
  path: string,
  query: URLSearchParams,
  now: Date,
) {
  verifySignedLink(path, query, links.secret, now);
  const parsed = parseRegistryPath(path);
  if (!parsed) throw forbidden('The link is not valid');
  const grant = grantFromJson(await claimRegistryExportGrant(em, parsed.grantId, parsed.format, now));
  if (!grant) throw forbidden('The link is not valid, has expired or was used already');
  const { format } = grant;
  const principal: Principal = { ...grant.caller };
  requireRole(principal, ...registryExportRoles);
  if (grant.personal !== canSeePersonalData(principal)) throw forbidden('The link is not valid');
  checkAppealFilter(grant.filter);
  const today = civilDateInKazakhstan(now);
  const registryQuery = registryQueryOf(principal, grant.filter, today);
  checkRowCount(await countAppeals(em, registryQuery), settings);
  const bytes = await writeRegistry(em, registryQuery, grant.personal, format, now, settings.maxRows);
  return { ...registryFileNames(format, today), mediaType: mediaTypes[format], bytes };
}
