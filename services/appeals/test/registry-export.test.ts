import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { strFromU8, unzipSync } from 'fflate';
import { readCsv } from '@bakylau/platform/documents/csv-reader';
import { signLink } from '@bakylau/platform/documents/signed-link';
import { readXlsx } from '@bakylau/platform/documents/xlsx-reader';
import { measureQueries, startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { loadAppealsConfig } from '../src/config.ts';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { stateLabel } from '../src/domain/appeal-labels.ts';
import { formatCivilDate } from '@bakylau/platform/civil-time';
import { demoAppealCount } from '../src/seed/demo-appeals.ts';
import { appealsService, createAppealsService } from '../src/service.ts';
import { REGISTER, fails, ok } from './appeals-helpers.ts';

// The registry export (R5.7) over the demo region's 150 appeals plus a few of the test's own:
// the files hold exactly the registry's rows for the same filter, in its order, personal data only
// for those who may see it, executors only their organization's appeals.

const registrar: TestCaller = { role: 'registrar', subject: 'registrar-export' };
const controller: TestCaller = { role: 'controller', subject: 'controller-export' };
const analyst: TestCaller = { role: 'analyst', subject: 'analyst-export' };
const links = loadAppealsConfig().documentLinks;

const EXPORT = `query($filter: AppealFilter, $format: RegistryExportFormat) {
  exportAppealRegistry(filter: $filter, format: $format) { fileName mediaType url expiresAt rowCount }
}`;
// Pages of 50: a literal page of 100 with these fields is over the cost limit the gateway and,
// now, the subgraph apply.
const REGISTRY = `query($filter: AppealFilter, $after: String) {
  appeals(filter: $filter, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { registrationNumber state dueDate overdue underAkimControl reworkCount organization { name } applicant { type iin bin } } }
  }
}`;

type RegistryNode = {
  registrationNumber: string;
  state: string;
  dueDate: string;
  overdue: boolean;
  underAkimControl: boolean;
  reworkCount: number;
  organization: { name: string } | null;
  applicant: { type: string; iin: string | null; bin: string | null };
};
type ExportResult = { fileName: string; mediaType: string; url: string; expiresAt: string; rowCount: number };

const formulaSummary = '=HYPERLINK("http://evil.example","Подробнее")';
const companyName = 'ТОО «Жетісу Жылу Сервис»';
const companyBin = withCheckDigit('05014000123') ?? '';

describe('appeals: the registry export', () => {
  let service: TestService;
  let origin: string;
  let busiestOrganization: string;
  const sql = <T>(query: string, params: unknown[] = []) => service.orm.em.fork().execute<T[]>(query, params);

  async function registry(filter: Record<string, unknown>, as: TestCaller): Promise<RegistryNode[]> {
    const nodes: RegistryNode[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { edges: { node: RegistryNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (
        await ok(service, REGISTRY, { filter, after }, as)
      )['appeals'];
      nodes.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  const exportOf = async (filter: Record<string, unknown>, format: 'XLSX' | 'CSV', as: TestCaller): Promise<ExportResult> =>
    (await ok(service, EXPORT, { filter, format }, as))['exportAppealRegistry'];

  /** Fetches a link from the service itself (the link points at the gateway). */
  const download = (url: string) => {
    const link = new URL(url);
    return fetch(new URL(link.pathname + link.search, origin));
  };

  async function downloadBytes(url: string): Promise<Uint8Array> {
    const response = await download(url);
    assert.equal(response.status, 200, await response.clone().text());
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Header and rows of a downloaded file, whichever its format. */
  async function table(result: ExportResult): Promise<{ header: string[]; rows: string[][]; raw: string }> {
    const bytes = await downloadBytes(result.url);
    if (result.mediaType.startsWith('text/csv')) {
      const [header = [], ...rows] = readCsv(bytes);
      return { header, rows, raw: Buffer.from(bytes).toString('utf8') };
    }
    const [header = [], ...rows] = readXlsx(bytes).rows;
    const raw = Object.values(unzipSync(bytes))
      .map((part) => strFromU8(part))
      .join('\n');
    return { header, rows, raw };
  }

  beforeAll(async () => {
    // No jobs: the statement count of a download is measured below.
    service = await startTestService({ ...appealsService, jobs: [] }, { seed: true });
    origin = new URL(service.url).origin;
    const categoryId = (await ok(service, `{ categories(first: 1) { edges { node { id } } } }`, {}, registrar))['categories'].edges[0].node.id;
    const register = (summary: string, applicant: Record<string, unknown>) =>
      ok(
        service,
        REGISTER,
        { input: { kind: 'APPLICATION', channel: 'POST', applicant, summary, text: 'Подробности в тексте обращения.', categoryId } },
        registrar,
      );
    await register(formulaSummary, {
      type: 'INDIVIDUAL',
      name: 'Формулов Иван',
      iin: withCheckDigit('90010130077'),
      phone: '+77019998877',
      address: 'с. Тестовое, ул. Полей 5',
    });
    await register('Перебои с отоплением в офисе', {
      type: 'LEGAL_ENTITY',
      name: companyName,
      bin: companyBin,
      representativeName: 'Омаров Серик',
      phone: '+77272000000',
    });
    const [row] = await sql<{ organization_id: string }>('select organization_id from appeal_executor group by organization_id order by count(*) desc limit 1');
    busiestOrganization = row?.organization_id ?? '';
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('exports the whole registry as .xlsx with exactly the rows of the registry, in its order, for staff with personal data', async () => {
    const nodes = await registry({}, registrar);
    assert.equal(nodes.length, demoAppealCount + 2);
    const result = await exportOf({}, 'XLSX', registrar);
    assert.equal(result.rowCount, nodes.length);
    assert.equal(result.mediaType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(result.fileName, /^Реестр обращений \d{2}\.\d{2}\.\d{4}\.xlsx$/);
    assert.match(result.url, new RegExp(`^${links.publicBaseUrl}/documents/registry/[\\w-]+\\.xlsx\\?expires=\\d+&signature=[\\w-]+$`));
    assert.ok(Date.parse(result.expiresAt) > Date.now());

    const response = await download(result.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), result.mediaType);
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="appeal-registry-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    const sheet = readXlsx(new Uint8Array(await response.arrayBuffer()));
    assert.equal(sheet.frozenRows, 1);
    assert.deepEqual(sheet.boldRows, [0]);
    const [header = [], ...rows] = sheet.rows;
    assert.equal(sheet.columnWidths.length, header.length);
    const column = (name: string) => {
      const index = header.indexOf(name);
      assert.ok(index >= 0, `column ${name}`);
      return (row: string[]) => row[index] ?? '';
    };
    assert.ok(!header.some((h) => /текст/i.test(h)), 'no column holds the text of an appeal');
    assert.deepEqual(
      rows.map(column('Регистрационный номер')),
      nodes.map((n) => n.registrationNumber),
    );
    assert.deepEqual(
      rows.map(column('Состояние')),
      nodes.map((n) => stateLabel(n.state as 'ANSWERED', 'RU')),
    );
    assert.deepEqual(
      rows.map(column('Срок рассмотрения')),
      nodes.map((n) => formatCivilDate(n.dueDate)),
    );
    assert.deepEqual(
      rows.map(column('Просрочено')),
      nodes.map((n) => (n.overdue ? 'да' : 'нет')),
    );
    assert.deepEqual(
      rows.map(column('На контроле акима')),
      nodes.map((n) => (n.underAkimControl ? 'да' : 'нет')),
    );
    assert.deepEqual(
      rows.map(column('Доработок')),
      nodes.map((n) => String(n.reworkCount)),
    );
    assert.deepEqual(
      rows.map(column('Исполнитель')),
      nodes.map((n) => n.organization?.name ?? ''),
    );
    assert.deepEqual(
      rows.map(column('ИИН/БИН')),
      nodes.map((n) => n.applicant.iin ?? n.applicant.bin ?? ''),
    );
    assert.ok(
      rows.some((r) => column('Результат рассмотрения')(r) !== ''),
      'answered appeals show their outcome',
    );
    assert.ok(
      rows
        .filter((r) => column('Дата ответа / закрытия')(r) !== '')
        .every((r) => /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/.test(column('Дата ответа / закрытия')(r))),
    );
    assert.ok(
      rows.some((r) => /^\+7/.test(column('Телефон')(r))),
      'registrars see the phones',
    );
    // In the spreadsheet a citizen's "=…" is an inline string, never a formula.
    assert.ok(rows.some((r) => column('Краткое содержание')(r) === formulaSummary));
  });

  it('costs a constant number of statements: one count, one page of rows, one lookup per directory', async () => {
    const result = await exportOf({}, 'CSV', controller);
    const measured = await measureQueries(service, () => downloadBytes(result.url));
    // The claim of the single-use grant, then one count, one page of rows, one lookup per directory.
    assert.ok(measured.queries <= 6, `${measured.queries} statements for ${result.rowCount} rows:\n${measured.log.join('\n')}`);
  });

  it('exports CSV (BOM, ";") with the rows of the same filter, neutralizing a formula', async () => {
    const filter = { underAkimControl: false, state: ['REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED'] };
    const nodes = await registry(filter, controller);
    const result = await exportOf(filter, 'CSV', controller);
    assert.equal(result.mediaType, 'text/csv; charset=utf-8');
    assert.equal(result.rowCount, nodes.length);
    const bytes = await downloadBytes(result.url);
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const [header = [], ...rows] = readCsv(bytes);
    assert.equal(header[0], 'Регистрационный номер');
    assert.deepEqual(
      rows.map((r) => r[0]),
      nodes.map((n) => n.registrationNumber),
    );
    const summary = header.indexOf('Краткое содержание');
    const formulaRow = rows.find((r) => r[summary]?.includes('HYPERLINK'));
    assert.equal(formulaRow?.[summary], `'${formulaSummary}`, 'a field starting with "=" gets an apostrophe');
    assert.ok(rows.every((r) => !/^[=+\-@]/.test(r[summary] ?? '')));
  });

  it('gives analysts no personal data of individuals: no IIN, phone, address or name, in cells or in the raw file', async () => {
    const personal = await sql<{
      applicant_name: string | null;
      applicant_iin: string | null;
      applicant_phone: string | null;
      applicant_address: string | null;
    }>(`select applicant_name, applicant_iin, applicant_phone, applicant_address from appeal where applicant_type <> 'LEGAL_ENTITY'`);
    const secrets = [
      ...new Set(
        personal.flatMap((p) => [p.applicant_name, p.applicant_iin, p.applicant_phone, p.applicant_address]).filter((v): v is string => !!v && v.length >= 5),
      ),
    ];
    assert.ok(secrets.length > 100, 'the demo holds personal data to look for');
    // The text of an appeal is personal data too; it is never exported, not even to registrars.
    const [withText] = await sql<{ text: string }>('select text from appeal where length(text) > 40 order by registered_at limit 1');
    for (const format of ['XLSX', 'CSV'] as const) {
      const result = await exportOf({}, format, analyst);
      assert.equal(result.rowCount, demoAppealCount + 2);
      const { header, rows, raw } = await table(result);
      assert.equal(rows.length, result.rowCount);
      for (const removed of ['ИИН/БИН', 'Телефон', 'Адрес']) assert.ok(!header.includes(removed), `${format}: no ${removed} column`);
      const leaked = secrets.filter((secret) => raw.includes(secret) || rows.some((r) => r.some((cell) => cell.includes(secret))));
      assert.deepEqual(leaked, [], `${format}: personal data in an analyst's export`);
      // A legal entity's name and BIN are public.
      const company = rows.find((r) => r.includes(companyName));
      assert.ok(company?.includes(companyBin), `${format}: the company and its BIN are there`);
      assert.ok(!raw.includes('+77272000000') && !raw.includes('Омаров Серик'), `${format}: no phone or representative at all`);
      assert.ok(withText && !raw.includes(withText.text.slice(0, 40)));
    }
  });

  it("gives an executor their organization's appeals only, as the registry does", async () => {
    const executor: TestCaller = { role: 'executor', organizationId: busiestOrganization, subject: 'executor-export' };
    const nodes = await registry({}, executor);
    const [own] = await sql<{ n: string }>('select count(distinct appeal_id) as n from appeal_executor where organization_id = ?', [busiestOrganization]);
    assert.equal(nodes.length, Number(own?.n));
    assert.ok(nodes.length > 0 && nodes.length < demoAppealCount);
    const result = await exportOf({}, 'XLSX', executor);
    assert.equal(result.rowCount, nodes.length);
    const { rows } = await table(result);
    assert.deepEqual(
      rows.map((r) => r[0]),
      nodes.map((n) => n.registrationNumber),
    );
    const outside = await sql<{ registration_number: string }>(
      `select registration_number from appeal a where not exists (select 1 from appeal_executor e where e.appeal_id = a.id and e.organization_id = ?)`,
      [busiestOrganization],
    );
    const exported = new Set(rows.map((r) => r[0]));
    assert.deepEqual(
      outside.map((o) => o.registration_number).filter((n) => exported.has(n)),
      [],
    );
  });

  it('refuses a tampered, expired, unknown or used link with 403, and callers outside the export roles', async () => {
    const result = await exportOf({ underAkimControl: true }, 'XLSX', analyst);
    const url = new URL(result.url);
    // The link names a random grant: no filter, no account to read in it, and it lives minutes.
    assert.match(url.pathname, /^\/documents\/registry\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.xlsx$/);
    const subject = analyst.subject ?? '';
    assert.ok(subject && !result.url.includes(subject) && !result.url.includes(Buffer.from(subject, 'utf8').toString('base64url').slice(0, 12)));
    const lifetime = Date.parse(result.expiresAt) - Date.now();
    assert.ok(lifetime > 0 && lifetime <= loadAppealsConfig().registryExport.linkMinutes * 60_000, `lives ${lifetime} ms`);
    const badSignature = new URL(url);
    badSignature.searchParams.set('signature', `${url.searchParams.get('signature')?.slice(0, -2)}AA`);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const expired = `${links.publicBaseUrl}${signLink(url.pathname, links.secret, new Date(Date.now() - 1000))}`;
    // A well-signed link to a grant that was never made.
    const unknown = `${links.publicBaseUrl}${signLink(`/documents/registry/${crypto.randomUUID()}.xlsx`, links.secret, new Date(Date.now() + 60_000))}`;
    const otherFormat = `${links.publicBaseUrl}${signLink(url.pathname.replace('.xlsx', '.csv'), links.secret, new Date(Date.now() + 60_000))}`;
    const refused = async (link: string) => {
      const response = await download(link);
      assert.equal(response.status, 403, link);
      assert.equal(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'FORBIDDEN');
    };
    for (const link of [badSignature.toString(), later.toString(), expired, unknown, otherFormat, `${links.publicBaseUrl}${url.pathname}`]) await refused(link);
    // A grant kept for a role that may not export (as if written by someone with the database) is refused on download too.
    const citizenGrantId = crypto.randomUUID();
    await sql('insert into registry_export_grant (id, payload, expires_at) values (?, ?, ?)', [
      citizenGrantId,
      JSON.stringify({ v: 2, filter: {}, caller: { role: 'citizen', subject: 'citizen-1', organizationId: null }, personal: false, format: 'XLSX' }),
      new Date(Date.now() + 60_000),
    ]);
    await refused(`${links.publicBaseUrl}${signLink(`/documents/registry/${citizenGrantId}.xlsx`, links.secret, new Date(Date.now() + 60_000))}`);
    assert.equal((await download(result.url)).status, 200, 'the untouched link works, once');
    await refused(result.url);

    for (const caller of [
      { role: 'citizen', subject: 'citizen-1' },
      { role: 'official', organizationId: busiestOrganization },
      { role: 'agency' },
    ] as TestCaller[]) {
      assert.equal((await fails(service, EXPORT, {}, caller)).code, 'FORBIDDEN', caller.role);
    }
    assert.equal((await service.request(EXPORT, {})).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('refuses a filter that cannot mean what it says, in the export and in the registry alike', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ dueFrom: '2026-03-02', dueTo: '2026-03-01' }, 'filter.dueFrom'],
      [{ registeredFrom: '2026-03-02T00:00:00Z', registeredTo: '2026-03-01T00:00:00Z' }, 'filter.registeredFrom'],
      [{ organizationId: 'not-an-id' }, 'filter.organizationId'],
      [{ text: 'я'.repeat(201) }, 'filter.text'],
    ];
    for (const [filter, field] of cases) {
      const exported = await fails(service, EXPORT, { filter }, registrar);
      assert.equal(exported.code, 'BAD_USER_INPUT', JSON.stringify(filter));
      assert.deepEqual(
        exported.fields.map((f) => f.field),
        [field],
      );
      assert.equal((await fails(service, REGISTRY, { filter }, registrar)).code, 'BAD_USER_INPUT', JSON.stringify(filter));
    }
    assert.equal((await fails(service, EXPORT, { format: 'PDF' }, registrar)).code, 'BAD_USER_INPUT');
  });

  it('filters the registry by the akim’s control and by a range of due dates', async () => {
    const all = await registry({}, controller);
    const controlled = await registry({ underAkimControl: true }, controller);
    const notControlled = await registry({ underAkimControl: false }, controller);
    const [counted] = await sql<{ n: string }>('select count(*) as n from appeal where under_akim_control');
    assert.ok(controlled.length > 0 && controlled.length === Number(counted?.n));
    assert.ok(controlled.every((n) => n.underAkimControl) && notControlled.every((n) => !n.underAkimControl));
    assert.equal(controlled.length + notControlled.length, all.length);

    const dueDates = [...new Set(all.map((n) => n.dueDate))].sort();
    const dueFrom = dueDates[Math.floor(dueDates.length / 4)] ?? '';
    const dueTo = dueDates[Math.floor((dueDates.length * 3) / 4)] ?? '';
    const inRange = await registry({ dueFrom, dueTo }, controller);
    assert.deepEqual(
      inRange.map((n) => n.registrationNumber).sort(),
      all
        .filter((n) => n.dueDate >= dueFrom && n.dueDate <= dueTo)
        .map((n) => n.registrationNumber)
        .sort(),
    );
    assert.ok(inRange.length > 0 && inRange.length < all.length);
    const fromOnly = await registry({ dueFrom }, controller);
    assert.equal(fromOnly.length, all.filter((n) => n.dueDate >= dueFrom).length);
    assert.equal(
      (await exportOf({ dueFrom, dueTo, underAkimControl: true }, 'CSV', controller)).rowCount,
      controlled.filter((n) => n.dueDate >= dueFrom && n.dueDate <= dueTo).length,
    );
  });
});

describe('appeals: the registry export cap', () => {
  let service: TestService;
  const registrar: TestCaller = { role: 'registrar', subject: 'registrar-cap' };
  const register = () =>
    ok(
      service,
      REGISTER,
      { input: { kind: 'APPLICATION', channel: 'POST', applicant: { type: 'ANONYMOUS' }, summary: 'Шум по ночам', text: 'Шум по ночам во дворе.' } },
      registrar,
    );

  beforeAll(async () => {
    service = await startTestService(createAppealsService(loadAppealsConfig({ ...process.env, APPEALS_REGISTRY_EXPORT_MAX_ROWS: '2' })));
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('refuses a filter over the cap when asked, and again when the link is used after the registry grew past it', async () => {
    await register();
    await register();
    const granted = (await ok(service, EXPORT, {}, registrar))['exportAppealRegistry'];
    assert.equal(granted.rowCount, 2);
    await register();
    const over = await fails(service, EXPORT, {}, registrar);
    assert.equal(over.code, 'BAD_USER_INPUT');
    assert.match(over.message, /narrow the filter/);
    const link = new URL(granted.url);
    const response = await fetch(new URL(link.pathname + link.search, new URL(service.url).origin));
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'BAD_USER_INPUT');
    // A narrower filter fits.
    const [latest] = await service.orm.em.fork().execute<{ at: Date }[]>('select max(registered_at) as at from appeal');
    const narrowed = (await ok(service, EXPORT, { filter: { registeredFrom: new Date(latest?.at ?? 0).toISOString() } }, registrar))['exportAppealRegistry'];
    assert.equal(narrowed.rowCount, 1);
  });
});
