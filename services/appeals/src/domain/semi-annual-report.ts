import { KZ_SINGLE_ZONE_SINCE } from '@bakylau/platform/calendar/index';
import type { DocxBlock } from '@bakylau/platform/documents/docx-writer';
import { badUserInput } from '@bakylau/platform/errors';
import { appealChannels, appealKinds, type AppealChannel, type AppealKind } from './appeal-kinds.ts';
import { channelLabel, kindLabel } from './appeal-labels.ts';
import type { SystemicIssueState } from './systemic-issues.ts';

/**
 * The semi-annual report (R7.6, regulation task 7 item 6): once per half-year the department
 * prepares for the akim the figures of the work with appeals and the execution of the
 * instructions of the President and his Administration. Everything here is pure: the period,
 * the model of the figures, and its rendering into document blocks in Russian. The model holds
 * counts and names of organizations, districts, categories and instruction numbers only: no
 * applicant, no text of an appeal or an instruction.
 */

export type Half = 1 | 2;

/** A half-year in Kazakhstan civil days: [from, to] inclusive. */
export type ReportPeriod = { year: number; half: Half; from: string; to: string };

// Before 1 March 2024 the region kept UTC+6, so the day boundaries of earlier periods differ.
const firstReportableYear = Number(KZ_SINGLE_ZONE_SINCE.slice(0, 4));
const lastReportableYear = 2100;

export function halfYear(year: number, half: Half): ReportPeriod {
  return half === 1 ? { year, half, from: `${year}-01-01`, to: `${year}-06-30` } : { year, half, from: `${year}-07-01`, to: `${year}-12-31` };
}

/**
 * The half-year asked for, refused (BAD_USER_INPUT) when the numbers are out of range, when it
 * starts before Kazakhstan's single time zone or when it has not begun by `today`.
 */
export function reportPeriod(year: number, half: number, today: string): ReportPeriod {
  if (!Number.isInteger(year) || year < firstReportableYear || year > lastReportableYear) {
    throw badUserInput('The year is out of range', [{ field: 'year', message: `must be ${firstReportableYear}..${lastReportableYear}` }]);
  }
  if (half !== 1 && half !== 2) throw badUserInput('The half-year is 1 or 2', [{ field: 'half', message: 'must be 1 (January–June) or 2 (July–December)' }]);
  const period = halfYear(year, half);
  if (period.from < KZ_SINGLE_ZONE_SINCE.slice(0, 10)) {
    throw badUserInput('The half-year starts before Kazakhstan moved to one time zone', [
      { field: 'half', message: 'reports start with the second half of 2024' },
    ]);
  }
  if (period.from > today) throw badUserInput('The half-year has not begun yet', [{ field: 'year', message: `the period starts on ${period.from}` }]);
  return period;
}

export function previousHalfYear(period: ReportPeriod): ReportPeriod {
  return period.half === 2 ? halfYear(period.year, 1) : halfYear(period.year - 1, 2);
}

/** Counts of the appeals registered in the period (states as of the day of the report). */
export type AppealFigures = {
  received: number;
  answered: number;
  answeredOnTime: number;
  inWork: number;
  forwarded: number;
  leftWithoutConsideration: number;
  redirectedExcluded: number;
  withdrawn: number;
  /** Closed after the due date, or open and past it on the day of the report. */
  overdue: number;
  returnedForRework: number;
  repeated: number;
  collective: number;
  underAkimControl: number;
};

/** Every figure at zero: a breakdown value no appeal had. */
export const noAppealFigures: AppealFigures = {
  received: 0,
  answered: 0,
  answeredOnTime: 0,
  inWork: 0,
  forwarded: 0,
  leftWithoutConsideration: 0,
  redirectedExcluded: 0,
  withdrawn: 0,
  overdue: 0,
  returnedForRework: 0,
  repeated: 0,
  collective: 0,
  underAkimControl: 0,
};

/** One line of a breakdown (a channel, a kind, a category, a district, an executor). */
export type BreakdownRow = { label: string; figures: AppealFigures; previousReceived: number };

export type SystemicIssueRow = { category: string; district: string; appealCount: number; state: Exclude<SystemicIssueState, 'DISMISSED'> };

export const presidentialIssuerLevels = ['PRESIDENT', 'STATE_COUNSELLOR', 'PRESIDENTIAL_ADMINISTRATION_LEADERSHIP', 'PA_APPEALS_DEPARTMENT'] as const;
export type PresidentialIssuerLevel = (typeof presidentialIssuerLevels)[number];

export type InstructionStatus = 'EXECUTED' | 'EXECUTED_LATE' | 'OVERDUE' | 'IN_PROGRESS';

export type InstructionRow = {
  number: string;
  issuerLevel: PresidentialIssuerLevel;
  issuedOn: string;
  /** The latest due date of its executors. */
  dueDate: string;
  executedOn: string | null;
  status: InstructionStatus;
};

/** What the read model knows of one instruction, as of the day of the report. */
export type InstructionFacts = { removedFromControl: boolean; executedLate: boolean; overdue: boolean };

/** Removed from control = executed (late if an executor executed after its due date); otherwise overdue or still in progress. */
export function instructionStatus(facts: InstructionFacts): InstructionStatus {
  if (facts.removedFromControl) return facts.executedLate ? 'EXECUTED_LATE' : 'EXECUTED';
  return facts.overdue ? 'OVERDUE' : 'IN_PROGRESS';
}

export type InstructionFigures = { issued: number; executed: number; executedLate: number; overdue: number; inProgress: number };

export function instructionFigures(rows: readonly { status: InstructionStatus }[]): InstructionFigures {
  const count = (...statuses: InstructionStatus[]) => rows.filter((r) => statuses.includes(r.status)).length;
  return {
    issued: rows.length,
    executed: count('EXECUTED', 'EXECUTED_LATE'),
    executedLate: count('EXECUTED_LATE'),
    overdue: count('OVERDUE'),
    inProgress: count('IN_PROGRESS'),
  };
}

export type SemiAnnualReport = {
  period: ReportPeriod;
  previous: ReportPeriod;
  /** The day of the report: states (answered, in work, overdue) are as of it. */
  asOf: string;
  generatedAt: Date;
  totals: AppealFigures;
  /** Appeals registered in the previous half-year (from the problem-map rollup). */
  previousReceived: number;
  byChannel: BreakdownRow[];
  byKind: BreakdownRow[];
  byCategory: BreakdownRow[];
  byDistrict: BreakdownRow[];
  byExecutor: BreakdownRow[];
  systemicIssues: SystemicIssueRow[];
  instructions: InstructionRow[];
};

// The report is in Russian: the labels of the registry in that language.
export const channelLabels = Object.fromEntries(appealChannels.map((c) => [c, channelLabel(c, 'RU')])) as Record<AppealChannel, string>;
export const kindLabels = Object.fromEntries(appealKinds.map((k) => [k, kindLabel(k, 'RU')])) as Record<AppealKind, string>;

export const issuerLabels: Record<PresidentialIssuerLevel, string> = {
  PRESIDENT: 'Президент Республики Казахстан',
  STATE_COUNSELLOR: 'Государственный советник Республики Казахстан',
  PRESIDENTIAL_ADMINISTRATION_LEADERSHIP: 'Руководство Администрации Президента',
  PA_APPEALS_DEPARTMENT: 'Отдел по контролю за рассмотрением обращений Администрации Президента',
};

export const instructionStatusLabels: Record<InstructionStatus, string> = {
  EXECUTED: 'исполнено',
  EXECUTED_LATE: 'исполнено с нарушением срока',
  OVERDUE: 'просрочено',
  IN_PROGRESS: 'на исполнении',
};

const systemicStateLabels: Record<SystemicIssueRow['state'], string> = { PROPOSED: 'выявлена, на рассмотрении', CONFIRMED: 'подтверждена' };

export const unknownLabels = { category: 'Без категории', district: 'Район не указан', executor: 'Исполнитель не определён' } as const;

const romanHalf: Record<Half, string> = { 1: 'I', 2: 'II' };

export function reportTitle(period: ReportPeriod): string {
  return `Отчёт о работе с обращениями физических и юридических лиц за ${romanHalf[period.half]} полугодие ${period.year} года`;
}

/** The file name in Russian, and an ASCII one for clients that cannot read RFC 5987 names. */
export function reportFileNames(period: ReportPeriod): { fileName: string; asciiFileName: string } {
  return {
    fileName: `Отчёт за ${romanHalf[period.half]} полугодие ${period.year} года.docx`,
    asciiFileName: `semi-annual-report-${period.year}-${period.half}.docx`,
  };
}

/** dd.mm.yyyy, as Russian official documents write dates. */
export function russianDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}

/** A share in per cent with one decimal and a decimal comma ("12,5"); "0" when there is no base. */
export function percent(part: number, whole: number): string {
  if (!whole) return '0';
  return ((part / whole) * 100).toFixed(1).replace('.', ',');
}

/** The Russian form of «обращение» after a count: 1 обращение, 2 обращения, 5 (11, 111) обращений. */
export function appealsWord(count: number): string {
  const lastTwo = Math.abs(count) % 100;
  const last = lastTwo % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return 'обращений';
  if (last === 1) return 'обращение';
  if (last >= 2 && last <= 4) return 'обращения';
  return 'обращений';
}

/** Change against the previous half-year in per cent with a sign ("+12,5", "−3,0"); "—" with no base. */
export function change(current: number, previous: number): string {
  if (!previous) return '—';
  const value = ((current - previous) / previous) * 100;
  const text = Math.abs(value).toFixed(1).replace('.', ',');
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

const n = (value: number) => String(value);

function generalRows(report: SemiAnnualReport): string[][] {
  const t = report.totals;
  return [
    ['Поступило обращений', n(t.received)],
    ['Рассмотрено с ответом заявителю', n(t.answered)],
    ['из них в установленный срок', n(t.answeredOnTime)],
    ['Находится на рассмотрении', n(t.inWork)],
    ['Направлено по компетенции в другие органы', n(t.forwarded)],
    ['Оставлено без рассмотрения', n(t.leftWithoutConsideration)],
    ['Направлено для рассмотрения в ином порядке', n(t.redirectedExcluded)],
    ['Отозвано заявителями', n(t.withdrawn)],
    ['Рассмотрено (рассматривается) с нарушением срока', n(t.overdue)],
    ['Доля обращений с нарушением срока, %', percent(t.overdue, t.received)],
    ['Возвращено исполнителям на доработку', n(t.returnedForRework)],
    ['Повторных обращений', n(t.repeated)],
    ['Коллективных обращений', n(t.collective)],
    ['На контроле акима', n(t.underAkimControl)],
  ];
}

function shareTable(first: string, rows: readonly BreakdownRow[], total: number): DocxBlock {
  return {
    kind: 'table',
    header: [first, 'Поступило', 'Доля, %', 'Рассмотрено с ответом', 'С нарушением срока'],
    rows: rows.map((r) => [r.label, n(r.figures.received), percent(r.figures.received, total), n(r.figures.answered), n(r.figures.overdue)]),
  };
}

function areaTable(first: string, rows: readonly BreakdownRow[], previous: ReportPeriod): DocxBlock {
  return {
    kind: 'table',
    header: [first, 'Поступило', `${romanHalf[previous.half]} полугодие ${previous.year} года`, 'Изменение, %', 'Рассмотрено с ответом', 'С нарушением срока'],
    rows: rows.map((r) => [
      r.label,
      n(r.figures.received),
      n(r.previousReceived),
      change(r.figures.received, r.previousReceived),
      n(r.figures.answered),
      n(r.figures.overdue),
    ]),
  };
}

function instructionBlocks(report: SemiAnnualReport): DocxBlock[] {
  const figures = instructionFigures(report.instructions);
  const blocks: DocxBlock[] = [
    { kind: 'heading', level: 1, text: '8. Исполнение поручений Президента Республики Казахстан и Администрации Президента' },
    {
      kind: 'paragraph',
      text:
        'Поручения Президента Республики Казахстан, Государственного советника, руководства Администрации Президента и Отдела по контролю ' +
        'за рассмотрением обращений Администрации Президента, данные по обращениям и поставленные на контроль в отчётном периоде.',
    },
    {
      kind: 'table',
      header: ['Показатель', 'Количество'],
      rows: [
        ['Поставлено на контроль поручений', n(figures.issued)],
        ['Исполнено и снято с контроля', n(figures.executed)],
        ['из них с нарушением срока', n(figures.executedLate)],
        ['Просрочено (не исполнено в срок)', n(figures.overdue)],
        ['Находится на исполнении в пределах срока', n(figures.inProgress)],
      ],
    },
  ];
  if (!report.instructions.length) return [...blocks, { kind: 'paragraph', text: 'В отчётном периоде такие поручения на контроль не поступали.' }];
  return [
    ...blocks,
    {
      kind: 'table',
      header: ['№', 'Номер поручения', 'Кем дано', 'Дата постановки на контроль', 'Срок исполнения', 'Состояние', 'Дата исполнения'],
      rows: report.instructions.map((r, i) => [
        n(i + 1),
        r.number,
        issuerLabels[r.issuerLevel],
        russianDate(r.issuedOn),
        russianDate(r.dueDate),
        instructionStatusLabels[r.status],
        r.executedOn ? russianDate(r.executedOn) : '—',
      ]),
    },
  ];
}

/** The report as document blocks, in the order of its sections. */
export function semiAnnualReportBlocks(report: SemiAnnualReport): DocxBlock[] {
  const { period, previous, totals } = report;
  const previousName = `${romanHalf[previous.half]} полугодии ${previous.year} года`;
  return [
    { kind: 'title', text: reportTitle(period) },
    {
      kind: 'paragraph',
      align: 'center',
      text: `Отчётный период: ${russianDate(period.from)} — ${russianDate(period.to)}. Данные по состоянию на ${russianDate(report.asOf)}.`,
    },
    { kind: 'heading', level: 1, text: '1. Общие показатели' },
    {
      kind: 'paragraph',
      text:
        `За отчётный период поступило ${totals.received} ${appealsWord(totals.received)} физических и юридических лиц ` +
        // With nothing in the previous half-year a change in per cent means nothing: only the count is given.
        `(в ${previousName} — ${report.previousReceived}${report.previousReceived ? `, изменение ${change(totals.received, report.previousReceived)} %` : ''}). ` +
        `С нарушением срока рассмотрено (рассматривается) ${totals.overdue} ${appealsWord(totals.overdue)} (${percent(totals.overdue, totals.received)} %).`,
    },
    { kind: 'table', header: ['Показатель', 'Значение'], rows: generalRows(report) },
    { kind: 'heading', level: 1, text: '2. Обращения по каналам поступления' },
    shareTable('Канал поступления', report.byChannel, totals.received),
    { kind: 'heading', level: 1, text: '3. Обращения по видам' },
    shareTable('Вид обращения', report.byKind, totals.received),
    { kind: 'heading', level: 1, text: '4. Обращения по тематике' },
    areaTable('Категория', report.byCategory, previous),
    { kind: 'heading', level: 1, text: '5. Обращения по районам и городам' },
    areaTable('Район (город)', report.byDistrict, previous),
    { kind: 'heading', level: 1, text: '6. Исполнители' },
    {
      kind: 'table',
      header: ['Исполнитель', 'Поступило', 'Рассмотрено в срок', 'С нарушением срока', 'Возвращено на доработку'],
      rows: report.byExecutor.map((r) => [r.label, n(r.figures.received), n(r.figures.answeredOnTime), n(r.figures.overdue), n(r.figures.returnedForRework)]),
    },
    { kind: 'heading', level: 1, text: '7. Системные проблемы' },
    ...(report.systemicIssues.length
      ? [
          {
            kind: 'table',
            header: ['№', 'Категория', 'Район (город)', 'Обращений', 'Состояние'],
            rows: report.systemicIssues.map((s, i) => [n(i + 1), s.category, s.district, n(s.appealCount), systemicStateLabels[s.state]]),
          } satisfies DocxBlock,
        ]
      : [{ kind: 'paragraph', text: 'Системные проблемы в отчётном периоде не выявлены.' } satisfies DocxBlock]),
    ...instructionBlocks(report),
  ];
}
