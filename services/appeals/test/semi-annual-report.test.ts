import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { addCalendarDays, civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { readDocx, type DocxContent } from '@bakylau/platform/documents/docx-reader';
import { signLink } from '@bakylau/platform/documents/signed-link';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { sealText } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { applyEventOnce } from '@bakylau/platform/inbox/inbox-consumer';
import { startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { loadAppealsConfig } from '../src/config.ts';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { appealsWord } from '../src/domain/semi-annual-report.ts';
import { appealsService } from '../src/service.ts';
import { count, fails, ok } from './appeals-helpers.ts';
import { civilInstant } from '@bakylau/platform/civil-time';
import { parseClockTime } from '@bakylau/platform/civil-time';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

// The semi-annual report (R7.6) over a generated data set of two half-years (and a few appeals
// of the next one), with instructions fed through the service's own consumer handler. Every
// expected figure is computed here from the generated rows, not by the service's SQL.

const analyst: TestCaller = { role: 'analyst', subject: 'analyst-1' };
const today = civilDateInKazakhstan(new Date());
const links = loadAppealsConfig().documentLinks;

const channels = ['POST', 'HAND_DELIVERY', 'ELECTRONIC', 'E_OTINISH', 'PERSONAL_RECEPTION', 'HOTLINE'] as const;
const channelNames = ['Почтой', 'Нарочно', 'В электронной форме', 'Через портал «е-Өтініш»', 'На личном приёме', 'По телефону доверия'];
const kinds = ['APPLICATION', 'COMPLAINT', 'PROPOSAL', 'RESPONSE', 'REQUEST', 'REPORT'] as const;
const kindNames = ['Заявление', 'Жалоба', 'Предложение', 'Отклик', 'Запрос', 'Сообщение'];
const categoryNames = ['Дороги и транспорт', 'Жилищно-коммунальное хозяйство', 'Образование'];
const districtNames = ['г. Талдыкорган', 'Алакольский район'];
const organizationNames = ['Отдел ЖКХ г. Талдыкорган', 'Управление образования', 'Аким Алакольского района'];
const closed = ['ANSWERED', 'FORWARDED', 'LEFT_WITHOUT_CONSIDERATION', 'REDIRECTED_EXCLUDED', 'WITHDRAWN'];

type Generated = {
  id: string;
  period: 'current' | 'previous' | 'next';
  registeredAt: string;
  channel: string;
  kind: string;
  state: string;
  category: number | null;
  district: number | null;
  organization: number | null;
  dueDate: string;
  /** Kazakhstan local time of closing (and of signing, for an answered appeal). */
  closedAt: string | null;
  reworkCount: number;
  repeated: boolean;
  collective: boolean;
  underAkimControl: boolean;
  iin: string;
  phone: string;
};

const at = (day: string, time = '10:00') => civilInstant(day, time).toISOString();

/** ~260 appeals: 60 % in I 2026 (the report), 30 % in II 2025 (the comparison), 10 % in II 2026, plus day-boundary cases. */
function generate(): Generated[] {
  const rows: Generated[] = [];
  for (let i = 0; i < 260; i += 1) {
    const slot = i % 10;
    const period = slot < 6 ? 'current' : slot < 9 ? 'previous' : 'next';
    const day =
      period === 'current'
        ? addCalendarDays('2026-01-01', (i * 7) % 181)
        : period === 'previous'
          ? addCalendarDays('2025-07-01', (i * 5) % 184)
          : addCalendarDays('2026-07-01', i % 100);
    let dueDate = addCalendarDays(day, 20);
    let state: string;
    let closedAt: string | null = null;
    switch (i % 9) {
      case 0:
        state = 'ANSWERED';
        closedAt = at(addCalendarDays(day, 10));
        break;
      case 1:
        state = 'ANSWERED';
        closedAt = at(addCalendarDays(day, 25));
        break;
      case 2:
        state = 'IN_PROGRESS';
        break;
      case 3:
        state = 'ASSIGNED';
        // Extended beyond today: open, but not overdue.
        if (i % 2 === 0) dueDate = addCalendarDays(today, 30);
        break;
      case 4:
        state = 'FORWARDED';
        closedAt = at(addCalendarDays(day, i % 4 === 0 ? 30 : 3));
        break;
      case 5:
        state = 'LEFT_WITHOUT_CONSIDERATION';
        closedAt = at(addCalendarDays(day, 2));
        break;
      case 6:
        state = 'WITHDRAWN';
        closedAt = at(addCalendarDays(day, 5));
        break;
      case 7:
        state = 'REDIRECTED_EXCLUDED';
        closedAt = at(addCalendarDays(day, 1));
        break;
      default:
        state = 'RETURNED_FOR_REWORK';
    }
    rows.push({
      id: randomUUID(),
      period,
      registeredAt: at(day),
      channel: channels[i % 6] ?? 'POST',
      kind: kinds[Math.floor(i / 2) % 6] ?? 'APPLICATION',
      state,
      category: i % 7 === 0 ? null : i % 3,
      district: i % 11 === 0 ? null : i % 2,
      organization: i % 13 === 0 ? null : (i * 5) % 3,
      dueDate,
      closedAt,
      reworkCount: state === 'RETURNED_FOR_REWORK' || i % 5 === 0 ? 1 + (i % 2) : 0,
      repeated: i > 0 && i % 8 === 0,
      collective: i % 6 === 5,
      underAkimControl: i % 4 === 0,
      iin: withCheckDigit(`9001013${String(1000 + i).padStart(4, '0')}`) ?? withCheckDigit(`8501013${String(1000 + i).padStart(4, '0')}`) ?? '',
      phone: `+7701555${String(i).padStart(4, '0')}`,
    });
  }
  const boundary = (registeredAt: string, period: Generated['period'], dueDate: string, closedAt: string): Generated => ({
    ...(rows[0] as Generated),
    id: randomUUID(),
    period,
    registeredAt,
    state: 'ANSWERED',
    dueDate,
    closedAt,
    repeated: false,
  });
  // The last minutes of 30 June (Kazakhstan) are still the first half-year; answered on the due day, late at night: on time.
  rows.push(boundary('2026-06-30T23:30:00+05:00', 'current', '2026-07-20', '2026-07-20T23:30:00+05:00'));
  // Answered 30 minutes into the day after the due date (still the due date in UTC): late.
  rows.push(boundary('2026-01-01T00:10:00+05:00', 'current', '2026-01-20', '2026-01-21T00:30:00+05:00'));
  // 1 July 00:20 in Kazakhstan is 30 June in UTC: the next half-year.
  rows.push(boundary('2026-07-01T00:20:00+05:00', 'next', '2026-07-21', '2026-07-10T10:00:00+05:00'));
  return rows;
}

type Figures = {
  received: number;
  answered: number;
  onTime: number;
  inWork: number;
  overdue: number;
  reworked: number;
  forwarded: number;
  left: number;
  redirected: number;
  withdrawn: number;
  repeated: number;
  collective: number;
  akim: number;
};

function figuresOf(rows: readonly Generated[]): Figures {
  const where = (test: (r: Generated) => boolean) => rows.filter(test).length;
  const isOpen = (r: Generated) => !closed.includes(r.state);
  const closedDay = (r: Generated) => r.closedAt?.slice(0, 10) ?? null;
  return {
    received: rows.length,
    answered: where((r) => r.state === 'ANSWERED'),
    onTime: where((r) => r.state === 'ANSWERED' && (closedDay(r) ?? '') <= r.dueDate),
    inWork: where(isOpen),
    overdue: where((r) => (closedDay(r) !== null && (closedDay(r) ?? '') > r.dueDate) || (isOpen(r) && r.dueDate < today)),
    reworked: where((r) => r.reworkCount > 0),
    forwarded: where((r) => r.state === 'FORWARDED'),
    left: where((r) => r.state === 'LEFT_WITHOUT_CONSIDERATION'),
    redirected: where((r) => r.state === 'REDIRECTED_EXCLUDED'),
    withdrawn: where((r) => r.state === 'WITHDRAWN'),
    repeated: where((r) => r.repeated),
    collective: where((r) => r.collective),
    akim: where((r) => r.underAkimControl),
  };
}

const share = (part: number, whole: number) => (whole ? ((part * 100) / whole).toFixed(1).replace('.', ',') : '0');
const signedChange = (current: number, previous: number) => {
  if (!previous) return '—';
  const value = ((current - previous) / previous) * 100;
  const text = Math.abs(value).toFixed(1).replace('.', ',');
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
};

const REPORT = `query($year: Int!, $half: Int!) { semiAnnualReport(year: $year, half: $half) {
  year half from to generatedAt fileName mediaType url expiresAt
  figures { received answered answeredOnTime inWork forwarded leftWithoutConsideration redirectedExcluded withdrawn overdue returnedForRework repeated collective underAkimControl previousReceived
    presidentialInstructions { issued executed executedLate overdue inProgress } } } }`;

describe('appeals: the semi-annual report (R7.6)', () => {
  let service: TestService;
  let origin: string;
  const categories = categoryNames.map(() => randomUUID());
  const districts = districtNames.map(() => randomUUID());
  const organizations = organizationNames.map(() => randomUUID());
  const rows = generate();
  const current = rows.filter((r) => r.period === 'current');
  const previous = rows.filter((r) => r.period === 'previous');
  const sql = <T>(query: string, params: unknown[] = []) => service.orm.em.fork().execute<T[]>(query, params);

  /** Feeds an instruction event through the service's consumer, exactly as the runtime applies it (inbox + handler). */
  const feed = async (type: string, instructionId: string, data: Record<string, unknown>, id?: string) => {
    const consumer = appealsService.consumers?.find((c) => c.topics.includes(topics.instructions));
    assert.ok(consumer, 'the appeals service consumes the instructions topic');
    const event = createCloudEvent({
      source: '/bakylau/instructions',
      type,
      subject: instructionId,
      data: { instructionId, ...data, actor: { subject: 'controller-1', role: 'controller' } },
      id,
    });
    return applyEventOnce(
      service.orm,
      consumer.name,
      event,
      (em, e, meta) => consumer.handle(em, e, { ...meta, sealingKeys: service.sealingKeys, workingDayEnd }),
      {
        topic: topics.instructions,
        headers: {},
      },
    );
  };

  const download = async (url: string) => {
    const link = new URL(url);
    return fetch(new URL(link.pathname + link.search, origin));
  };

  beforeAll(async () => {
    service = await startTestService(appealsService);
    origin = new URL(service.url).origin;
    for (const [i, name] of categoryNames.entries())
      await sql('insert into category (id, code, name, name_kk) values (?, ?, ?, ?)', [categories[i], `R${i}`, name, name]);
    for (const [i, name] of districtNames.entries())
      await sql(`insert into district (id, name, name_kk, kind) values (?, ?, ?, 'DISTRICT')`, [districts[i], name, name]);
    for (const [i, name] of organizationNames.entries())
      await sql(`insert into organization (id, name, kind, updated_at) values (?, ?, 'AKIMAT_UNIT', now())`, [organizations[i], name]);
    const records = rows.map((r, i) => ({
      id: r.id,
      number: `REP-${i}`,
      seq: i + 1,
      kind: r.kind,
      channel: r.channel,
      state: r.state,
      registered_at: r.registeredAt,
      term_start: r.registeredAt.slice(0, 10),
      due_date: r.dueDate,
      applicant_type: r.collective ? 'COLLECTIVE' : 'INDIVIDUAL',
      applicant_name: `Иванова Мария ${i}`,
      applicant_iin: r.iin,
      applicant_phone: r.phone,
      summary: `Жалоба на соседа Петрова ${i}`,
      text: `Личный текст обращения номер ${i}`,
      category_id: r.category === null ? null : categories[r.category],
      district_id: r.district === null ? null : districts[r.district],
      organization_id: r.organization === null ? null : organizations[r.organization],
      under_akim_control: r.underAkimControl,
      rework_count: r.reworkCount,
      repeated_of_id: r.repeated ? rows[0]?.id : null,
      signed_at: r.state === 'ANSWERED' ? r.closedAt : null,
      closed_at: r.closedAt,
    }));
    // One statement, as a bulk load: the problem-map rollup trigger counts the rows as it would for registrations.
    await sql(
      `insert into appeal (id, registration_number, registration_year, registration_sequence, kind, channel, state, received_at, registered_at, registered_by,
         term_start_date, due_date, forwarding_due_date, applicant_type, applicant_name, applicant_iin, applicant_phone, summary, text,
         category_id, district_id, organization_id, attachments, under_akim_control, rework_count, repeated_of_id, signed_at, closed_at, updated_at)
       select r.id, r.number, 1999, r.seq, r.kind, r.channel, r.state, r.registered_at, r.registered_at, 'generator',
         r.term_start, r.due_date, r.term_start + 3, r.applicant_type, r.applicant_name, r.applicant_iin, r.applicant_phone, r.summary, r.text,
         r.category_id, r.district_id, r.organization_id, '[]', r.under_akim_control, r.rework_count, r.repeated_of_id, r.signed_at, r.closed_at, now()
       from jsonb_to_recordset(?::jsonb) as r(id uuid, number text, seq int, kind text, channel text, state text, registered_at timestamptz, term_start date, due_date date,
         applicant_type text, applicant_name text, applicant_iin text, applicant_phone text, summary text, text text, category_id uuid, district_id uuid, organization_id uuid,
         under_akim_control boolean, rework_count int, repeated_of_id uuid, signed_at timestamptz, closed_at timestamptz)`,
      [JSON.stringify(records)],
    );
    // Systemic issues: two of the half-year, one dismissed, one of the half-year before.
    const issue = (category: number, district: number, state: string, from: string, to: string, appeals: number) =>
      sql(
        `insert into systemic_issue (id, state, category_id, district_id, window_from, window_to, appeal_count, previous_count, threshold, detected_at, detected_by, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, 0, 5, ?, 'system', now())`,
        [state, categories[category], districts[district], from, to, appeals, at(to)],
      );
    await issue(0, 0, 'PROPOSED', '2026-05-01', '2026-05-30', 7);
    await issue(1, 1, 'CONFIRMED', '2026-02-01', '2026-03-02', 12);
    await issue(2, 0, 'DISMISSED', '2026-03-01', '2026-03-30', 30);
    await issue(2, 1, 'CONFIRMED', '2025-09-01', '2025-09-30', 40);

    // Instructions of the President and his Administration (and two that the report leaves out).
    const [org0, org1, org2] = organizations;
    const issued = (level: string, number: string, issuedAt: string, executors: { organizationId: string | undefined; dueDate: string }[]) => ({
      number,
      issuerLevel: level,
      basis: { appealIds: [], appointmentId: null, systemicIssueId: null },
      executors,
      reportingPeriodDays: null,
      issuedAt: new Date(issuedAt).toISOString(),
    });
    const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID(), akim: randomUUID(), old: randomUUID(), late: randomUUID() };
    const issuedA = randomUUID();
    assert.equal(
      await feed(
        'kz.bakylau.instruction.issued.v1',
        ids.a,
        issued('PRESIDENT', 'АП-26-0011', at('2026-02-10'), [{ organizationId: org0, dueDate: '2026-03-10' }]),
        issuedA,
      ),
      true,
    );
    // A redelivery of the same event is skipped by the inbox.
    assert.equal(
      await feed(
        'kz.bakylau.instruction.issued.v1',
        ids.a,
        issued('PRESIDENT', 'АП-26-0011', at('2026-02-10'), [{ organizationId: org0, dueDate: '2026-03-10' }]),
        issuedA,
      ),
      false,
    );
    await feed('kz.bakylau.instruction.report-accepted.v1', ids.a, {
      reportId: randomUUID(),
      organizationId: org0,
      kind: 'FINAL',
      reviewedAt: new Date(at('2026-03-05')).toISOString(),
    });
    const removedA = {
      removedAt: new Date(at('2026-03-06')).toISOString(),
      executors: [{ organizationId: org0, dueDate: '2026-03-10', executedOn: '2026-03-05' }],
    };
    await feed('kz.bakylau.instruction.removed-from-control.v1', ids.a, removedA);
    // Republished with a new event id: the handler's own updates change nothing.
    await feed('kz.bakylau.instruction.removed-from-control.v1', ids.a, removedA);

    await feed(
      'kz.bakylau.instruction.issued.v1',
      ids.b,
      issued('PA_APPEALS_DEPARTMENT', 'ОКО-26-0102', at('2026-03-01'), [
        { organizationId: org0, dueDate: '2026-03-20' },
        { organizationId: org1, dueDate: '2026-03-25' },
      ]),
    );
    await feed('kz.bakylau.instruction.report-accepted.v1', ids.b, {
      reportId: randomUUID(),
      organizationId: org0,
      kind: 'INTERIM',
      reviewedAt: new Date(at('2026-03-10')).toISOString(),
    });
    await feed('kz.bakylau.instruction.overdue.v1', ids.b, { organizationId: org1, dueDate: '2026-03-25', detectedOn: '2026-03-26' });
    await feed('kz.bakylau.instruction.removed-from-control.v1', ids.b, {
      removedAt: new Date(at('2026-04-02')).toISOString(),
      executors: [
        { organizationId: org0, dueDate: '2026-03-20', executedOn: '2026-03-18' },
        { organizationId: org1, dueDate: '2026-03-25', executedOn: '2026-04-01' },
      ],
    });

    // Its first date passed, but it was extended past today: in progress, not overdue.
    await feed(
      'kz.bakylau.instruction.issued.v1',
      ids.c,
      issued('STATE_COUNSELLOR', 'ГС-26-0007', at('2026-04-01'), [{ organizationId: org2, dueDate: '2026-05-01' }]),
    );
    await feed('kz.bakylau.instruction.extended.v2', ids.c, {
      organizationId: org2,
      previousDueDate: '2026-05-01',
      newDueDate: addCalendarDays(today, 60),
      sealedReason: sealText('Перенос работ', service.sealingKeys),
      decidedBy: { subject: 'head-1', role: 'department_head' },
    });

    await feed(
      'kz.bakylau.instruction.issued.v1',
      ids.d,
      issued('PRESIDENTIAL_ADMINISTRATION_LEADERSHIP', 'РАП-26-0003', at('2026-05-05'), [{ organizationId: org1, dueDate: '2026-06-05' }]),
    );
    await feed('kz.bakylau.instruction.overdue.v1', ids.d, { organizationId: org1, dueDate: '2026-06-05', detectedOn: '2026-06-06' });

    // 30 June 22:00 in Kazakhstan (17:00 UTC): the first half-year; due after today.
    await feed(
      'kz.bakylau.instruction.issued.v1',
      ids.late,
      issued('PRESIDENT', 'АП-26-0099', '2026-06-30T22:00:00+05:00', [{ organizationId: org2, dueDate: addCalendarDays(today, 10) }]),
    );
    // Left out: an akim's instruction, and one of the half-year before.
    await feed(
      'kz.bakylau.instruction.issued.v1',
      ids.akim,
      issued('AKIM', 'ПР-2026-000001', at('2026-02-02'), [{ organizationId: org0, dueDate: '2026-02-20' }]),
    );
    await feed(
      'kz.bakylau.instruction.issued.v1',
      ids.old,
      issued('PRESIDENT', 'АП-25-0500', at('2025-12-20'), [{ organizationId: org0, dueDate: '2026-01-20' }]),
    );
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('keeps the instruction read model from the events, applied once', async () => {
    assert.equal(await count(service, 'instruction_fact'), 7);
    assert.equal(await count(service, 'instruction_fact_executor'), 8);
    assert.equal(await count(service, 'inbox', `consumer = 'instruction-facts'`), 15);
  });

  it('returns the main figures and a signed absolute link, as an analyst', async () => {
    const data = await ok(service, REPORT, { year: 2026, half: 1 }, analyst);
    const report = data['semiAnnualReport'];
    const expected = figuresOf(current);
    assert.equal(report.year, 2026);
    assert.equal(report.half, 1);
    assert.equal(report.from, '2026-01-01');
    assert.equal(report.to, '2026-06-30');
    assert.equal(report.fileName, 'Отчёт за I полугодие 2026 года.docx');
    assert.equal(report.mediaType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(report.url, new RegExp(`^${links.publicBaseUrl}/documents/reports/semi-annual/2026-1\\.docx\\?expires=\\d+&signature=[\\w-]+$`));
    assert.equal(Date.parse(report.expiresAt) - Date.parse(report.generatedAt), links.ttlMinutes * 60_000);
    assert.deepEqual(report.figures, {
      received: expected.received,
      answered: expected.answered,
      answeredOnTime: expected.onTime,
      inWork: expected.inWork,
      forwarded: expected.forwarded,
      leftWithoutConsideration: expected.left,
      redirectedExcluded: expected.redirected,
      withdrawn: expected.withdrawn,
      overdue: expected.overdue,
      returnedForRework: expected.reworked,
      repeated: expected.repeated,
      collective: expected.collective,
      underAkimControl: expected.akim,
      previousReceived: previous.length,
      presidentialInstructions: { issued: 5, executed: 2, executedLate: 1, overdue: 1, inProgress: 2 },
    });
    // The data set exercises every figure (none is trivially zero).
    assert.ok(
      Object.values(expected).every((value) => value > 0),
      JSON.stringify(expected),
    );
  });

  describe('the document behind the link', () => {
    let content: DocxContent;
    let response: Response;

    beforeAll(async () => {
      const data = await ok(service, REPORT, { year: 2026, half: 1 }, analyst);
      response = await download(data['semiAnnualReport'].url);
      content = readDocx(new Uint8Array(await response.arrayBuffer()));
    });

    /** The table whose header row starts with these cells. */
    const table = (...header: string[]) => {
      const found = content.tables.find((t) => header.every((cell, i) => t[0]?.[i] === cell));
      assert.ok(found, `a table headed ${header.join(' | ')}`);
      return found;
    };

    it('is a .docx attachment with an ASCII and a UTF-8 name', () => {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(
        response.headers.get('content-disposition'),
        `attachment; filename="semi-annual-report-2026-1.docx"; filename*=UTF-8''${encodeURIComponent('Отчёт за I полугодие 2026 года.docx')}`,
      );
      assert.equal(response.headers.get('cache-control'), 'private, no-store');
      assert.equal(content.title, 'Отчёт о работе с обращениями физических и юридических лиц за I полугодие 2026 года');
    });

    it('holds the general figures, with overdue and rework', () => {
      const e = figuresOf(current);
      const general = table('Показатель', 'Значение').slice(1);
      const expected: [string, number | string][] = [
        ['Поступило обращений', e.received],
        ['Рассмотрено с ответом заявителю', e.answered],
        ['из них в установленный срок', e.onTime],
        ['Находится на рассмотрении', e.inWork],
        ['Направлено по компетенции в другие органы', e.forwarded],
        ['Оставлено без рассмотрения', e.left],
        ['Направлено для рассмотрения в ином порядке', e.redirected],
        ['Отозвано заявителями', e.withdrawn],
        ['Рассмотрено (рассматривается) с нарушением срока', e.overdue],
        ['Доля обращений с нарушением срока, %', share(e.overdue, e.received)],
        ['Возвращено исполнителям на доработку', e.reworked],
        ['Повторных обращений', e.repeated],
        ['Коллективных обращений', e.collective],
        ['На контроле акима', e.akim],
      ];
      assert.deepEqual(
        general,
        expected.map(([label, value]) => [label, String(value)]),
      );
      assert.ok(
        content.paragraphs.includes(
          `За отчётный период поступило ${e.received} ${appealsWord(e.received)} физических и юридических лиц (в II полугодии 2025 года — ${previous.length}, изменение ${signedChange(e.received, previous.length)} %). ` +
            `С нарушением срока рассмотрено (рассматривается) ${e.overdue} ${appealsWord(e.overdue)} (${share(e.overdue, e.received)} %).`,
        ),
        content.paragraphs.join('\n'),
      );
    });

    it('breaks the appeals down by channel and by kind, every value listed', () => {
      const total = current.length;
      const expectRows = (values: readonly string[], names: string[], key: (r: Generated) => string) =>
        values.map((value, i) => {
          const f = figuresOf(current.filter((r) => key(r) === value));
          return [names[i], String(f.received), share(f.received, total), String(f.answered), String(f.overdue)];
        });
      assert.deepEqual(
        table('Канал поступления').slice(1),
        expectRows(channels, channelNames, (r) => r.channel),
      );
      assert.deepEqual(
        table('Вид обращения').slice(1),
        expectRows(kinds, kindNames, (r) => r.kind),
      );
    });

    it('breaks them down by category and by district against the previous half-year', () => {
      const expectRows = (names: string[], key: (r: Generated) => number | null, unknown: string) => {
        const keys = [...names.keys(), null];
        return keys
          .map((k) => {
            const f = figuresOf(current.filter((r) => key(r) === k));
            const before = previous.filter((r) => key(r) === k).length;
            return {
              label: k === null ? unknown : (names[k] ?? ''),
              received: f.received,
              before,
              row: [
                k === null ? unknown : (names[k] ?? ''),
                String(f.received),
                String(before),
                signedChange(f.received, before),
                String(f.answered),
                String(f.overdue),
              ],
            };
          })
          .filter((r) => r.received > 0 || r.before > 0)
          .sort((a, b) => b.received - a.received || b.before - a.before || a.label.localeCompare(b.label, 'ru'))
          .map((r) => r.row);
      };
      const categoriesTable = table('Категория');
      assert.equal(categoriesTable[0]?.[2], 'II полугодие 2025 года');
      assert.deepEqual(
        categoriesTable.slice(1),
        expectRows(categoryNames, (r) => r.category, 'Без категории'),
      );
      assert.deepEqual(
        table('Район (город)').slice(1),
        expectRows(districtNames, (r) => r.district, 'Район не указан'),
      );
    });

    it('lists executors with answered on time, overdue and returned for rework', () => {
      const keys = [...organizationNames.keys(), null];
      const expected = keys
        .map((k) => ({
          label: k === null ? 'Исполнитель не определён' : (organizationNames[k] ?? ''),
          f: figuresOf(current.filter((r) => r.organization === k)),
        }))
        .filter(({ f }) => f.received > 0)
        .sort((a, b) => b.f.received - a.f.received || a.label.localeCompare(b.label, 'ru'))
        .map(({ label, f }) => [label, String(f.received), String(f.onTime), String(f.overdue), String(f.reworked)]);
      assert.deepEqual(table('Исполнитель').slice(1), expected);
    });

    it('names the top systemic issues of the half-year (not dismissed, not of another period)', () => {
      assert.deepEqual(table('№', 'Категория').slice(1), [
        ['1', categoryNames[1], districtNames[1], '12', 'подтверждена'],
        ['2', categoryNames[0], districtNames[0], '7', 'выявлена, на рассмотрении'],
      ]);
    });

    it('reports the instructions of the President and his Administration and their execution', () => {
      assert.deepEqual(table('Показатель', 'Количество').slice(1), [
        ['Поставлено на контроль поручений', '5'],
        ['Исполнено и снято с контроля', '2'],
        ['из них с нарушением срока', '1'],
        ['Просрочено (не исполнено в срок)', '1'],
        ['Находится на исполнении в пределах срока', '2'],
      ]);
      const russian = (day: string) => day.split('-').reverse().join('.');
      assert.deepEqual(table('№', 'Номер поручения').slice(1), [
        ['1', 'АП-26-0011', 'Президент Республики Казахстан', '10.02.2026', '10.03.2026', 'исполнено', '05.03.2026'],
        [
          '2',
          'ОКО-26-0102',
          'Отдел по контролю за рассмотрением обращений Администрации Президента',
          '01.03.2026',
          '25.03.2026',
          'исполнено с нарушением срока',
          '01.04.2026',
        ],
        ['3', 'ГС-26-0007', 'Государственный советник Республики Казахстан', '01.04.2026', russian(addCalendarDays(today, 60)), 'на исполнении', '—'],
        ['4', 'РАП-26-0003', 'Руководство Администрации Президента', '05.05.2026', '05.06.2026', 'просрочено', '—'],
        ['5', 'АП-26-0099', 'Президент Республики Казахстан', '30.06.2026', russian(addCalendarDays(today, 10)), 'на исполнении', '—'],
      ]);
    });

    it('carries no personal data: no applicant name, IIN, phone, summary or text', () => {
      const text = [content.title ?? '', ...content.paragraphs, ...content.tables.flat(2)].join('\n');
      for (const row of rows) {
        assert.ok(!text.includes(row.iin), `IIN ${row.iin}`);
        assert.ok(!text.includes(row.phone), `phone ${row.phone}`);
      }
      assert.ok(!/Иванова|Петрова|Личный текст/.test(text));
    });
  });

  it('refuses a tampered, an expired or a foreign link with 403 FORBIDDEN', async () => {
    const data = await ok(service, REPORT, { year: 2026, half: 1 }, analyst);
    const url = new URL(data['semiAnnualReport'].url);
    const tampered = new URL(url);
    const signature = url.searchParams.get('signature') ?? '';
    tampered.searchParams.set('signature', `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`);
    const otherPeriod = new URL(url.toString().replace('2026-1.docx', '2025-2.docx'));
    const expired = `${links.publicBaseUrl}${signLink('/documents/reports/semi-annual/2026-1.docx', links.secret, new Date(Date.now() - 1000))}`;
    for (const link of [tampered.toString(), otherPeriod.toString(), expired, `${links.publicBaseUrl}/documents/reports/semi-annual/2026-1.docx`]) {
      const response = await download(link);
      assert.equal(response.status, 403, link);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      assert.equal(body.errors[0]?.extensions.code, 'FORBIDDEN');
    }
    // A validly signed path that names no report is NOT_FOUND.
    const unknown = `${links.publicBaseUrl}${signLink('/documents/reports/yearly/2026.docx', links.secret, new Date(Date.now() + 60_000))}`;
    assert.equal((await download(unknown)).status, 404);
  });

  it('is for analysts, controllers, the department head and admins only', async () => {
    for (const role of ['controller', 'department_head', 'admin'] as const) {
      assert.equal((await ok(service, REPORT, { year: 2026, half: 1 }, { role }))['semiAnnualReport'].year, 2026);
    }
    for (const caller of [{ role: 'executor', organizationId: organizations[0] }, { role: 'citizen' }, { role: 'registrar' }] as TestCaller[]) {
      assert.equal((await fails(service, REPORT, { year: 2026, half: 1 }, caller)).code, 'FORBIDDEN', caller.role);
    }
    const anonymous = await service.request(REPORT, { year: 2026, half: 1 });
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('refuses a half other than 1 or 2, a year out of range and a half-year not yet begun', async () => {
    const nextYear = Number(today.slice(0, 4)) + 1;
    for (const [year, half, field] of [
      [2026, 3, 'half'],
      [1990, 1, 'year'],
      [nextYear, 1, 'year'],
    ] as const) {
      const error = await fails(service, REPORT, { year, half }, analyst);
      assert.equal(error.code, 'BAD_USER_INPUT', `${year}-${half}`);
      assert.equal(error.fields[0]?.field, field);
    }
  });
});
