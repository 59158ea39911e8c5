import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { readDocx } from '@bakylau/platform/documents/docx-reader';
import { writeDocx } from '@bakylau/platform/documents/docx-writer';
import {
  appealsWord,
  noAppealFigures,
  change,
  halfYear,
  instructionFigures,
  instructionStatus,
  percent,
  previousHalfYear,
  reportFileNames,
  reportPeriod,
  reportTitle,
  semiAnnualReportBlocks,
  type SemiAnnualReport,
} from './semi-annual-report.ts';

const none = noAppealFigures;

const emptyReport: SemiAnnualReport = {
  period: halfYear(2026, 2),
  previous: previousHalfYear(halfYear(2026, 2)),
  asOf: '2026-11-25',
  generatedAt: new Date('2026-11-25T05:00:00Z'),
  totals: { ...none, received: 1 },
  previousReceived: 0,
  byChannel: [],
  byKind: [],
  byCategory: [],
  byDistrict: [],
  byExecutor: [],
  systemicIssues: [],
  instructions: [],
};

describe('semi-annual report: Russian wording', () => {
  it('agrees «обращение» with its count', () => {
    const forms = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1002].map((count) => `${count} ${appealsWord(count)}`);
    assert.deepEqual(forms, [
      '0 обращений',
      '1 обращение',
      '2 обращения',
      '4 обращения',
      '5 обращений',
      '11 обращений',
      '12 обращений',
      '14 обращений',
      '21 обращение',
      '22 обращения',
      '25 обращений',
      '101 обращение',
      '111 обращений',
      '1002 обращения',
    ]);
  });

  it('gives no change in per cent when the previous half-year had nothing', () => {
    const text = readDocx(
      writeDocx({ title: 't', author: 't', created: new Date(), language: 'ru-RU', blocks: semiAnnualReportBlocks({ ...emptyReport, previousReceived: 0 }) }),
    ).paragraphs.find((p) => p.startsWith('За отчётный период'));
    assert.match(text ?? '', /— 0\)\. /);
    assert.doesNotMatch(text ?? '', /изменение/);
  });
});

describe('semi-annual report (R7.6): the period', () => {
  it('maps a year and half to Kazakhstan civil days and finds the previous half-year', () => {
    assert.deepEqual(reportPeriod(2026, 1, '2026-11-25'), { year: 2026, half: 1, from: '2026-01-01', to: '2026-06-30' });
    assert.deepEqual(reportPeriod(2026, 2, '2026-07-01'), { year: 2026, half: 2, from: '2026-07-01', to: '2026-12-31' });
    assert.deepEqual(previousHalfYear(halfYear(2026, 1)), halfYear(2025, 2));
    assert.deepEqual(previousHalfYear(halfYear(2026, 2)), halfYear(2026, 1));
  });

  it('refuses a half other than 1 or 2, a year out of range, a period before the single time zone, and one not begun', () => {
    const refused = (year: number, half: number, today: string, field: string) =>
      assert.throws(
        () => reportPeriod(year, half, today),
        (error: { code?: string; fields?: { field: string }[] }) => error.code === 'BAD_USER_INPUT' && error.fields?.[0]?.field === field,
      );
    refused(2026, 3, '2026-11-25', 'half');
    refused(2026, 0, '2026-11-25', 'half');
    refused(1999, 1, '2026-11-25', 'year');
    refused(2024, 1, '2026-11-25', 'half');
    refused(2026, 2, '2026-06-30', 'year');
    refused(2027, 1, '2026-11-25', 'year');
    assert.equal(reportPeriod(2024, 2, '2026-11-25').from, '2024-07-01');
  });
});

describe('semi-annual report: instructions', () => {
  it('counts removed from control as executed (late when an executor was late), else overdue or in progress', () => {
    assert.equal(instructionStatus({ removedFromControl: true, executedLate: false, overdue: false }), 'EXECUTED');
    assert.equal(instructionStatus({ removedFromControl: true, executedLate: true, overdue: false }), 'EXECUTED_LATE');
    assert.equal(instructionStatus({ removedFromControl: false, executedLate: false, overdue: true }), 'OVERDUE');
    assert.equal(instructionStatus({ removedFromControl: false, executedLate: false, overdue: false }), 'IN_PROGRESS');
    const statuses = ['EXECUTED', 'EXECUTED_LATE', 'EXECUTED', 'OVERDUE', 'IN_PROGRESS', 'IN_PROGRESS'] as const;
    assert.deepEqual(instructionFigures(statuses.map((status) => ({ status }))), { issued: 6, executed: 3, executedLate: 1, overdue: 1, inProgress: 2 });
  });
});

describe('semi-annual report: the document', () => {
  it('writes shares and changes the Russian way', () => {
    assert.equal(percent(1, 8), '12,5');
    assert.equal(percent(3, 0), '0');
    assert.equal(change(110, 100), '+10,0');
    assert.equal(change(97, 100), '−3,0');
    assert.equal(change(5, 0), '—');
    assert.deepEqual(reportFileNames(halfYear(2026, 1)), { fileName: 'Отчёт за I полугодие 2026 года.docx', asciiFileName: 'semi-annual-report-2026-1.docx' });
  });

  it('renders every section in Russian and reads back with the figures in their tables', () => {
    const period = halfYear(2026, 1);
    const report: SemiAnnualReport = {
      period,
      previous: previousHalfYear(period),
      asOf: '2026-11-25',
      generatedAt: new Date('2026-11-25T05:00:00Z'),
      totals: { ...none, received: 8, answered: 5, answeredOnTime: 4, inWork: 3, overdue: 1, returnedForRework: 2 },
      previousReceived: 10,
      byChannel: [{ label: 'Почтой', figures: { ...none, received: 8, answered: 5, overdue: 1 }, previousReceived: 0 }],
      byKind: [{ label: 'Жалоба', figures: { ...none, received: 8 }, previousReceived: 0 }],
      byCategory: [{ label: 'Дороги', figures: { ...none, received: 8, answered: 5, overdue: 1 }, previousReceived: 10 }],
      byDistrict: [{ label: 'Текели', figures: { ...none, received: 8 }, previousReceived: 4 }],
      byExecutor: [{ label: 'Отдел ЖКХ', figures: { ...none, received: 8, answeredOnTime: 4, overdue: 1, returnedForRework: 2 }, previousReceived: 0 }],
      systemicIssues: [{ category: 'Дороги', district: 'Текели', appealCount: 7, state: 'CONFIRMED' }],
      instructions: [
        { number: 'АП-1', issuerLevel: 'PRESIDENT', issuedOn: '2026-02-03', dueDate: '2026-03-03', executedOn: '2026-03-04', status: 'EXECUTED_LATE' },
      ],
    };
    const content = readDocx(
      writeDocx({ title: reportTitle(period), author: 't', created: report.generatedAt, language: 'ru-RU', blocks: semiAnnualReportBlocks(report) }),
    );
    assert.equal(content.title, 'Отчёт о работе с обращениями физических и юридических лиц за I полугодие 2026 года');
    assert.equal(content.paragraphs[0], content.title);
    assert.ok(content.paragraphs.includes('Отчётный период: 01.01.2026 — 30.06.2026. Данные по состоянию на 25.11.2026.'));
    assert.ok(content.paragraphs.some((p) => p.includes('поступило 8 обращений') && p.includes('— 10, изменение −20,0 %')));
    const [general, channels, kinds, categories, districts, executors, systemic, instructionTotals, instructionList] = content.tables;
    assert.deepEqual(general?.[1], ['Поступило обращений', '8']);
    assert.deepEqual(
      general?.find((row) => row[0] === 'Доля обращений с нарушением срока, %'),
      ['Доля обращений с нарушением срока, %', '12,5'],
    );
    assert.deepEqual(channels?.[1], ['Почтой', '8', '100,0', '5', '1']);
    assert.deepEqual(kinds?.[1], ['Жалоба', '8', '100,0', '0', '0']);
    assert.deepEqual(categories?.[0], ['Категория', 'Поступило', 'II полугодие 2025 года', 'Изменение, %', 'Рассмотрено с ответом', 'С нарушением срока']);
    assert.deepEqual(categories?.[1], ['Дороги', '8', '10', '−20,0', '5', '1']);
    assert.deepEqual(districts?.[1], ['Текели', '8', '4', '+100,0', '0', '0']);
    assert.deepEqual(executors?.[1], ['Отдел ЖКХ', '8', '4', '1', '2']);
    assert.deepEqual(systemic?.[1], ['1', 'Дороги', 'Текели', '7', 'подтверждена']);
    assert.deepEqual(instructionTotals?.slice(1), [
      ['Поставлено на контроль поручений', '1'],
      ['Исполнено и снято с контроля', '1'],
      ['из них с нарушением срока', '1'],
      ['Просрочено (не исполнено в срок)', '0'],
      ['Находится на исполнении в пределах срока', '0'],
    ]);
    assert.deepEqual(instructionList?.[1], [
      '1',
      'АП-1',
      'Президент Республики Казахстан',
      '03.02.2026',
      '03.03.2026',
      'исполнено с нарушением срока',
      '04.03.2026',
    ]);
  });

  it('says so when there are no systemic issues and no instructions', () => {
    const period = halfYear(2025, 2);
    const blocks = semiAnnualReportBlocks({ ...emptyReport, period, previous: previousHalfYear(period), asOf: '2026-01-10', totals: none });
    const texts = blocks.flatMap((b) => (b.kind === 'table' ? [] : [b.text]));
    assert.ok(texts.includes('Системные проблемы в отчётном периоде не выявлены.'));
    assert.ok(texts.includes('В отчётном периоде такие поручения на контроль не поступали.'));
    assert.ok(texts.includes(reportTitle(period)));
  });
});
