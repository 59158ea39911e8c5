import { isRole, type Role } from '@bakylau/platform/auth/principal';
import { isUuid } from '@bakylau/platform/ids';
import { isOverdueAppeal } from '@bakylau/platform/law/appeal-predicates';
import { filterFromJson, filterToJson, type AppealListFilter } from './appeal-filter.ts';
import type { AppealChannel, AppealKind, AppealOutcome, ApplicantType } from './appeal-kinds.ts';
import { channelLabel, kindLabel, outcomeLabel, stateLabel } from './appeal-labels.ts';
import type { AppealState } from './appeal-lifecycle.ts';
import { formatCivilDate, formatCivilDateTime } from '@bakylau/platform/civil-time';

/**
 * The export of the registry (journal) of appeals (R5.7): one line per appeal with its number,
 * dates, classification, executor, term and state, in Russian. The text of an appeal is never
 * exported (the summary is); the applicant's personal data (a person's name, IIN, phone,
 * address) only for callers who may see them: for the others those columns are not there at all.
 */
export const registryExportFormats = ['XLSX', 'CSV'] as const;
export type RegistryExportFormat = (typeof registryExportFormats)[number];

/** One appeal of the export, its directory names resolved; personal fields null when not allowed. */
export type RegistryEntry = {
  registrationNumber: string;
  registeredAt: Date;
  channel: AppealChannel;
  kind: AppealKind;
  applicantType: ApplicantType;
  applicantName: string | null;
  applicantIin: string | null;
  applicantBin: string | null;
  applicantPhone: string | null;
  applicantAddress: string | null;
  summary: string;
  category: string | null;
  district: string | null;
  executor: string | null;
  dueDate: string;
  state: AppealState;
  closedAt: Date | null;
  outcome: AppealOutcome | null;
  underAkimControl: boolean;
  reworkCount: number;
};

export type RegistryCell = string | number | null;
type Column = { header: string; width: number; value: (entry: RegistryEntry, today: string) => RegistryCell };

const applicantTypeLabels: Record<ApplicantType, string> = {
  INDIVIDUAL: 'Физическое лицо',
  LEGAL_ENTITY: 'Юридическое лицо',
  ANONYMOUS: 'Анонимное',
  COLLECTIVE: 'Коллективное',
};

const yesNo = (value: boolean) => (value ? 'да' : 'нет');

const leadColumns: Column[] = [
  { header: 'Регистрационный номер', width: 20, value: (e) => e.registrationNumber },
  { header: 'Дата регистрации', width: 17, value: (e) => formatCivilDateTime(e.registeredAt) },
  { header: 'Канал поступления', width: 24, value: (e) => channelLabel(e.channel, 'RU') },
  { header: 'Вид обращения', width: 14, value: (e) => kindLabel(e.kind, 'RU') },
  { header: 'Тип заявителя', width: 17, value: (e) => applicantTypeLabels[e.applicantType] },
  // A legal entity's name is public; a person's is null here unless the caller may see it.
  { header: 'Заявитель', width: 32, value: (e) => e.applicantName },
];

const personalColumns: Column[] = [
  { header: 'ИИН/БИН', width: 14, value: (e) => e.applicantIin ?? e.applicantBin },
  { header: 'Телефон', width: 16, value: (e) => e.applicantPhone },
  { header: 'Адрес', width: 36, value: (e) => e.applicantAddress },
];

const publicColumns: Column[] = [{ header: 'БИН', width: 14, value: (e) => e.applicantBin }];

const tailColumns: Column[] = [
  { header: 'Краткое содержание', width: 50, value: (e) => e.summary },
  { header: 'Категория', width: 30, value: (e) => e.category },
  { header: 'Район', width: 24, value: (e) => e.district },
  { header: 'Исполнитель', width: 34, value: (e) => e.executor },
  { header: 'Срок рассмотрения', width: 12, value: (e) => formatCivilDate(e.dueDate) },
  { header: 'Состояние', width: 30, value: (e) => stateLabel(e.state, 'RU') },
  { header: 'Дата ответа / закрытия', width: 17, value: (e) => (e.closedAt ? formatCivilDateTime(e.closedAt) : null) },
  { header: 'Результат рассмотрения', width: 22, value: (e) => (e.outcome ? outcomeLabel(e.outcome, 'RU') : null) },
  { header: 'Просрочено', width: 11, value: (e, today) => yesNo(isOverdueAppeal(e, today)) },
  { header: 'На контроле акима', width: 11, value: (e) => yesNo(e.underAkimControl) },
  { header: 'Доработок', width: 10, value: (e) => e.reworkCount },
];

function columnsOf(personal: boolean): Column[] {
  return [...leadColumns, ...(personal ? personalColumns : publicColumns), ...tailColumns];
}

/** Headers and widths of the export's columns. */
export function registryColumns(personal: boolean): { header: string; width: number }[] {
  return columnsOf(personal).map(({ header, width }) => ({ header, width }));
}

/** The cells of entries, in the order of {@link registryColumns}; "overdue" as of `today` (Kazakhstan). */
export function registryRows(entries: readonly RegistryEntry[], personal: boolean, today: string): RegistryCell[][] {
  const columns = columnsOf(personal);
  return entries.map((entry) => columns.map((column) => column.value(entry, today)));
}

/** The file names of an export made on `today`: Russian, and an ASCII fallback. */
export function registryFileNames(format: RegistryExportFormat, today: string): { fileName: string; asciiFileName: string } {
  const extension = format === 'XLSX' ? 'xlsx' : 'csv';
  return { fileName: `Реестр обращений ${formatCivilDate(today)}.${extension}`, asciiFileName: `appeal-registry-${today}.${extension}` };
}

/**
 * What the graph granted, to rebuild the export at download: the filter, the caller's scope (role,
 * subject, organization), whether personal data may be shown, and the format. It is kept by the
 * service (registry_export_grant); the link carries only the grant's random id.
 */
export type RegistryExportGrant = {
  filter: AppealListFilter;
  caller: { role: Role; subject: string; organizationId: string | null };
  personal: boolean;
  format: RegistryExportFormat;
};

export const registryPathPrefix = '/documents/registry/';
const registryPathPattern = /^\/documents\/registry\/([0-9a-f-]{36})\.(xlsx|csv)$/;
const grantVersion = 2;
const maxSubjectLength = 256;
const extensionOf = (format: RegistryExportFormat) => (format === 'XLSX' ? 'xlsx' : 'csv');

/** The download path of a grant: its id and the file's extension, nothing else readable. */
export function registryPath(grantId: string, format: RegistryExportFormat): string {
  return `${registryPathPrefix}${grantId}.${extensionOf(format)}`;
}

/** The grant id and format of a registry path; null for anything else. */
export function parseRegistryPath(path: string): { grantId: string; format: RegistryExportFormat } | null {
  const match = registryPathPattern.exec(path);
  if (!match?.[1] || !isUuid(match[1])) return null;
  return { grantId: match[1], format: match[2] === 'xlsx' ? 'XLSX' : 'CSV' };
}

/** The stored form of a grant. */
export function grantToJson(grant: RegistryExportGrant): Record<string, unknown> {
  return { v: grantVersion, filter: filterToJson(grant.filter), caller: grant.caller, personal: grant.personal, format: grant.format };
}

/**
 * A stored grant read back as strictly as the graph reads its arguments: exactly the fields
 * `grantToJson` writes, each of its type. Null for anything else (a row of another version, or
 * altered in the database).
 */
export function grantFromJson(payload: unknown): RegistryExportGrant | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const { v, filter: filterJson, caller, personal, format, ...rest } = payload as Record<string, unknown>;
  if (v !== grantVersion || Object.keys(rest).length > 0 || typeof personal !== 'boolean') return null;
  if (format !== 'XLSX' && format !== 'CSV') return null;
  if (!caller || typeof caller !== 'object' || Array.isArray(caller)) return null;
  const { role, subject, organizationId, ...callerRest } = caller as Record<string, unknown>;
  if (Object.keys(callerRest).length > 0 || !isRole(role)) return null;
  if (typeof subject !== 'string' || !subject || subject.length > maxSubjectLength) return null;
  if (organizationId !== null && (typeof organizationId !== 'string' || !isUuid(organizationId))) return null;
  const filter = filterFromJson(filterJson);
  if (!filter) return null;
  return { filter, caller: { role, subject, organizationId }, personal, format };
}
