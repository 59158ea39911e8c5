import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole, type Role } from '@bakylau/platform/auth/principal';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { docxMediaType, writeDocx } from '@bakylau/platform/documents/docx-writer';
import { signLink, verifySignedLink } from '@bakylau/platform/documents/signed-link';
import { notFound } from '@bakylau/platform/errors';
import type { DocumentLinksConfig } from '../config.ts';
import { appealChannels, appealKinds } from '../domain/appeal-kinds.ts';
import {
  channelLabels,
  instructionFigures,
  instructionStatus,
  kindLabels,
  noAppealFigures,
  previousHalfYear,
  reportFileNames,
  reportPeriod,
  reportTitle,
  semiAnnualReportBlocks,
  unknownLabels,
  type AppealFigures,
  type BreakdownRow,
  type InstructionFigures,
  type ReportPeriod,
  type SemiAnnualReport,
} from '../domain/semi-annual-report.ts';
import {
  appealBreakdowns,
  appealTotals,
  directoryNames,
  presidentialInstructions,
  registeredFromRollup,
  topSystemicIssues,
  type BreakdownFigures,
  type InstantRange,
} from '../db/report-queries.ts';
import { endOfCivilDay, startOfCivilDay } from '@bakylau/platform/civil-time';
import { todayOf, type UseCaseDeps } from './use-case-deps.ts';

/** Who may ask for the report (it holds no personal data, so analysts may). */
const reportRoles: Role[] = ['analyst', 'controller', 'department_head', 'admin'];
const topSystemicIssuesCount = 10;
export const reportPathPrefix = '/documents/reports/';
const semiAnnualPath = (period: ReportPeriod) => `${reportPathPrefix}semi-annual/${period.year}-${period.half}.docx`;
const semiAnnualPathPattern = /^\/documents\/reports\/semi-annual\/(\d{4})-(\d)\.docx$/;

const instantRange = (period: ReportPeriod): InstantRange => ({ from: startOfCivilDay(period.from).toISOString(), to: endOfCivilDay(period.to).toISOString() });

/** What `semiAnnualReport` returns: the period, where to download the document, and until when. */
export type ReportDocument = {
  year: number;
  half: number;
  from: string;
  to: string;
  generatedAt: Date;
  fileName: string;
  mediaType: string;
  url: string;
  expiresAt: Date;
};

/** The report of a half-year for the graph: checks the caller and the period, signs a download link. */
export function semiAnnualReportDocument(deps: UseCaseDeps, links: DocumentLinksConfig, year: number, half: number): ReportDocument {
  requireRole(deps.principal, ...reportRoles);
  const period = reportPeriod(year, half, todayOf(deps));
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + links.ttlMinutes * 60_000);
  return {
    year: period.year,
    half: period.half,
    from: period.from,
    to: period.to,
    generatedAt: now,
    fileName: reportFileNames(period).fileName,
    mediaType: docxMediaType,
    url: links.publicBaseUrl + signLink(semiAnnualPath(period), links.secret, expiresAt),
    expiresAt,
  };
}

export type SemiAnnualTotals = AppealFigures & { previousReceived: number; presidentialInstructions: InstructionFigures };

/** The main figures of a report, for clients that show them without downloading the document. */
export async function semiAnnualTotals(deps: UseCaseDeps, document: Pick<ReportDocument, 'year' | 'half'>): Promise<SemiAnnualTotals> {
  requireRole(deps.principal, ...reportRoles);
  const today = todayOf(deps);
  const period = reportPeriod(document.year, document.half, today);
  const previous = previousHalfYear(period);
  const [totals, previousCounts, instructions] = await Promise.all([
    appealTotals(deps.em, instantRange(period), today),
    registeredFromRollup(deps.em, previous.from, previous.to),
    presidentialInstructions(deps.em, instantRange(period), today),
  ]);
  return {
    ...totals,
    previousReceived: previousCounts.total,
    presidentialInstructions: instructionFigures(instructions.map((i) => ({ status: instructionStatus(i) }))),
  };
}

function rowsOf(breakdowns: readonly BreakdownFigures[], dimension: BreakdownFigures['dimension']): BreakdownFigures[] {
  return breakdowns.filter((b) => b.dimension === dimension);
}

/** Every value of an enumeration, in its order, zeros included (the official tables list them all). */
function enumRows<T extends string>(values: readonly T[], labels: Record<T, string>, rows: readonly BreakdownFigures[]): BreakdownRow[] {
  return values.map((value) => ({ label: labels[value], figures: rows.find((r) => r.key === value)?.figures ?? noAppealFigures, previousReceived: 0 }));
}

/** Rows named from the directory, most appeals first; with the previous half-year's count when known. */
function directoryRows(
  rows: readonly BreakdownFigures[],
  names: Map<string, string>,
  unknown: string,
  previous: Map<string | null, number> | null,
): BreakdownRow[] {
  const keys = new Set<string | null>(rows.map((r) => r.key));
  for (const [key, count] of previous ?? []) if (count > 0) keys.add(key);
  return [...keys]
    .map((key) => ({
      label: key === null ? unknown : (names.get(key) ?? unknown),
      figures: rows.find((r) => r.key === key)?.figures ?? noAppealFigures,
      previousReceived: previous?.get(key) ?? 0,
    }))
    .sort((a, b) => b.figures.received - a.figures.received || b.previousReceived - a.previousReceived || a.label.localeCompare(b.label, 'ru'));
}

/** Gathers the figures of a half-year: five statements, each an aggregate in PostgreSQL. */
export async function buildSemiAnnualReport(em: EntityManager, period: ReportPeriod, now: Date): Promise<SemiAnnualReport> {
  const today = civilDateInKazakhstan(now);
  const previous = previousHalfYear(period);
  const range = instantRange(period);
  const [breakdowns, previousCounts, systemicIssues, instructions] = await Promise.all([
    appealBreakdowns(em, range, today),
    registeredFromRollup(em, previous.from, previous.to),
    topSystemicIssues(em, period.from, period.to, topSystemicIssuesCount),
    presidentialInstructions(em, range, today),
  ]);
  const ids = (dimension: BreakdownFigures['dimension'], extra: Iterable<string | null> = []) =>
    [...new Set([...rowsOf(breakdowns, dimension).map((r) => r.key), ...extra])].filter((key): key is string => key !== null);
  const [categories, districts, organizations] = await Promise.all([
    directoryNames(em, 'category', ids('category', previousCounts.byCategory.keys())),
    directoryNames(em, 'district', ids('district', previousCounts.byDistrict.keys())),
    directoryNames(em, 'organization', ids('executor')),
  ]);
  return {
    period,
    previous,
    asOf: today,
    generatedAt: now,
    totals: rowsOf(breakdowns, 'total')[0]?.figures ?? noAppealFigures,
    previousReceived: previousCounts.total,
    byChannel: enumRows(appealChannels, channelLabels, rowsOf(breakdowns, 'channel')),
    byKind: enumRows(appealKinds, kindLabels, rowsOf(breakdowns, 'kind')),
    byCategory: directoryRows(rowsOf(breakdowns, 'category'), categories, unknownLabels.category, previousCounts.byCategory),
    byDistrict: directoryRows(rowsOf(breakdowns, 'district'), districts, unknownLabels.district, previousCounts.byDistrict),
    byExecutor: directoryRows(rowsOf(breakdowns, 'executor'), organizations, unknownLabels.executor, null),
    systemicIssues,
    instructions: instructions.map((i) => ({
      number: i.number,
      issuerLevel: i.issuerLevel,
      issuedOn: i.issuedOn,
      dueDate: i.dueDate,
      executedOn: i.executedOn,
      status: instructionStatus(i),
    })),
  };
}

/** The .docx of a half-year's report. */
export async function semiAnnualReportFile(
  em: EntityManager,
  period: ReportPeriod,
  now: Date,
): Promise<{ bytes: Uint8Array; fileName: string; asciiFileName: string }> {
  const report = await buildSemiAnnualReport(em, period, now);
  const bytes = writeDocx({ title: reportTitle(period), author: 'Bakylau', created: now, language: 'ru-RU', blocks: semiAnnualReportBlocks(report) });
  return { bytes, ...reportFileNames(period) };
}

/**
 * The download behind a signed link: the signature (made by `semiAnnualReportDocument` for a
 * caller the graph checked) stands in for a token; the document is generated on each request.
 */
export async function downloadReport(em: EntityManager, links: DocumentLinksConfig, path: string, query: URLSearchParams, now: Date) {
  verifySignedLink(path, query, links.secret, now);
  const match = semiAnnualPathPattern.exec(path);
  if (!match) throw notFound('Report', path);
  const period = reportPeriod(Number(match[1]), Number(match[2]), civilDateInKazakhstan(now));
  return semiAnnualReportFile(em, period, now);
}
