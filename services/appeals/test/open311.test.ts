import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { measureQueries, startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { appealsService } from '../src/service.ts';
import { REGISTER, UPSERT_ORG, ok } from './appeals-helpers.ts';

const admin: TestCaller = { role: 'admin' };
const registrar: TestCaller = { role: 'registrar', subject: 'registrar-open311' };

/** The planted applicant: none of this may appear in a public answer. */
const planted = {
  name: 'Жумабеков Ерлан Маратович',
  iin: withCheckDigit('85020230012') ?? '',
  phone: '+77019876543',
  email: 'erlan.zhumabekov@example.kz',
  address: 'Талдыкорган, ул. Сейфуллина 117, кв. 42',
};
const summaryMarker = 'Контейнеры-Q7Z переполнены';
const textMarker = 'Текст-обращения-W9X';
const point = { lat: 45.0175894, lon: 78.3734111 };

const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'].sort();
const requestFields = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
].sort();
const dateTimeWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/;

type Answer = { status: number; headers: Headers; text: string; body: unknown };
type ServiceRequest = Record<string, unknown> & { service_request_id: string };

describe('open311: the public GeoReport v2 API', () => {
  let service: TestService;
  let base: string;
  /** Every body the tests received, scanned for personal data at the end. */
  const bodies: string[] = [];
  const numbers: Record<string, string> = {};
  const dueDates: Record<string, string> = {};

  async function get(path: string, init: RequestInit = {}): Promise<Answer> {
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
  }
  async function requests(query = ''): Promise<ServiceRequest[]> {
    const answer = await get(`/open311/v2/requests.json${query}`);
    assert.equal(answer.status, 200, answer.text);
    return answer.body as ServiceRequest[];
  }
  const idsOf = (list: ServiceRequest[]) => list.map((r) => r.service_request_id).sort();
  const sorted = (...names: string[]) => names.map((n) => numbers[n] ?? '').sort();

  async function register(name: string, input: Record<string, unknown>): Promise<string> {
    const appeal = (
      await ok(
        service,
        REGISTER,
        { input: { kind: 'APPLICATION', channel: 'POST', summary: 'Жалоба на вывоз мусора', text: 'Прошу принять меры.', ...input } },
        registrar,
      )
    )['registerAppeal'];
    numbers[name] = appeal.registrationNumber;
    dueDates[name] = appeal.dueDate;
    return appeal.id;
  }
  const setRow = (id: string, assignments: string, params: unknown[] = []) =>
    service.orm.em.fork().execute(`update appeal set ${assignments} where id = ?`, [...params, id]);

  beforeAll(async () => {
    // No jobs: the SQL count of a request must be the request's own.
    service = await startTestService({ ...appealsService, jobs: [] });
    base = service.url.replace(/\/graphql$/, '');
    const upsert = async (mutation: string) => Object.values(await ok(service, `mutation { ${mutation} }`, {}, admin))[0].id as string;
    const districtId = await upsert(`upsertDistrict(input: { name: "город Талдыкорган", nameKk: "Талдықорған қаласы", kind: CITY }) { id }`);
    const otherDistrictId = await upsert(`upsertDistrict(input: { name: "Ескельдинский район", nameKk: "Ескелді ауданы", kind: DISTRICT }) { id }`);
    const housing = await upsert(`upsertCategory(input: { code: "01", name: "ЖКХ", nameKk: "ТКШ" }) { id }`);
    const waste = await upsert(`upsertCategory(input: { code: "01.02", name: "Вывоз мусора", nameKk: "Қоқыс шығару", parentId: "${housing}" }) { id }`);
    const roads = await upsert(`upsertCategory(input: { code: "07", name: "Дороги", nameKk: "Жолдар" }) { id }`);
    await upsert(`upsertCategory(input: { code: "99", name: "Архивная рубрика", nameKk: "Мұрағат", active: false }) { id }`);
    const organization = (
      await ok(service, UPSERT_ORG, { input: { name: 'Управление ЖКХ', nameKk: 'ТКШ басқармасы', kind: 'AKIMAT_UNIT', districtId } }, admin)
    )['upsertOrganization'].id;
    const roadsOrganization = (await ok(service, UPSERT_ORG, { input: { name: 'Отдел дорог', kind: 'AKIMAT_UNIT', districtId: otherDistrictId } }, admin))[
      'upsertOrganization'
    ].id;

    const person = { type: 'INDIVIDUAL', ...planted };
    await register('planted', {
      applicant: person,
      summary: summaryMarker,
      text: `${textMarker}: ${planted.name}, ${planted.address}, тел. ${planted.phone}`,
      categoryId: waste,
      districtId,
      addresseeId: organization,
      geo: point,
    });
    const closedId = await register('closed', {
      applicant: { type: 'INDIVIDUAL', name: 'Петров Пётр' },
      categoryId: housing,
      districtId,
      addresseeId: organization,
    });
    await setRow(closedId, `state = 'ANSWERED', closed_at = now()`);
    await register('roads', {
      applicant: { type: 'INDIVIDUAL', name: 'Сидоров Сидор' },
      categoryId: roads,
      districtId: otherDistrictId,
      addresseeId: roadsOrganization,
    });
    const withdrawnId = await register('withdrawn', { applicant: person, categoryId: waste, districtId });
    await setRow(withdrawnId, `state = 'WITHDRAWN', closed_at = now()`);
    await register('anonymous', { applicant: { type: 'ANONYMOUS' }, categoryId: waste, districtId });
    const excludedId = await register('excluded', { applicant: person, categoryId: waste, districtId });
    await setRow(excludedId, `state = 'REDIRECTED_EXCLUDED', excluded_procedure = 'CRIMINAL_PROCEDURE', closed_at = now()`);
    await register('duplicate', { applicant: person, categoryId: housing, districtId, duplicateOfId: closedId });
    const oldId = await register('old', { applicant: { type: 'INDIVIDUAL', name: 'Давний Заявитель' }, categoryId: roads, districtId });
    await setRow(oldId, `registered_at = registered_at - interval '120 days'`);
    // Newest first: make the order certain whatever the clock's resolution.
    await setRow(closedId, `registered_at = registered_at - interval '1 minute'`);
    await setRow(await idOf('roads'), `registered_at = registered_at - interval '2 minutes'`);
  });

  async function idOf(name: string): Promise<string> {
    const rows = await service.orm.em.fork().execute<{ id: string }[]>('select id from appeal where registration_number = ?', [numbers[name]]);
    return rows[0]?.id ?? '';
  }

  afterAll(async () => {
    await service?.stop();
  });

  it('lists the active categories as services, with the spec field names and parents as groups', async () => {
    const answer = await get('/open311/v2/services.json');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    const services = answer.body as Record<string, unknown>[];
    for (const s of services) assert.deepEqual(Object.keys(s).sort(), serviceFields);
    assert.deepEqual(
      services.map((s) => s['service_code']),
      ['01', '01.02', '07'],
    );
    assert.deepEqual(services[1], {
      service_code: '01.02',
      service_name: 'Вывоз мусора',
      description: 'Вывоз мусора',
      metadata: false,
      type: 'realtime',
      keywords: null,
      group: 'ЖКХ',
    });
    const kazakh = (await get('/open311/v2/services.json?locale=kk')).body as Record<string, unknown>[];
    assert.deepEqual(
      kazakh.map((s) => [s['service_name'], s['group']]),
      [
        ['ТКШ', null],
        ['Қоқыс шығару', 'ТКШ'],
        ['Жолдар', null],
      ],
    );
  });

  it('lists public appeals of the last 90 days, newest first, in exactly the spec fields', async () => {
    const list = await requests();
    assert.deepEqual(
      list.map((r) => r.service_request_id),
      [numbers['planted'], numbers['closed'], numbers['roads']],
    );
    for (const r of list) assert.deepEqual(Object.keys(r).sort(), requestFields);
    const [planted] = list;
    assert.deepEqual(
      { ...planted, requested_datetime: null, updated_datetime: null },
      {
        service_request_id: numbers['planted'],
        status: 'open',
        status_notes: 'Зарегистрировано',
        service_name: 'Вывоз мусора',
        service_code: '01.02',
        description: null,
        agency_responsible: 'Управление ЖКХ',
        service_notice: null,
        requested_datetime: null,
        updated_datetime: null,
        expected_datetime: `${dueDates['planted']}T23:59:59+05:00`,
        address: 'город Талдыкорган',
        address_id: null,
        zipcode: null,
        lat: 45.018,
        long: 78.373,
        media_url: null,
      },
    );
    assert.match(String(planted?.requested_datetime), dateTimeWithOffset);
    assert.match(String(planted?.updated_datetime), dateTimeWithOffset);
    assert.equal(list[1]?.['status'], 'closed');
    assert.equal(list[1]?.['status_notes'], 'Дан ответ');
    // No point was given: no coordinates, not zeros.
    assert.equal(list[1]?.['lat'], null);
    assert.equal(list[1]?.['long'], null);
  });

  it('never publishes withdrawn, excluded-procedure, anonymous or duplicate appeals, not even by id', async () => {
    const hidden = ['withdrawn', 'excluded', 'anonymous', 'duplicate'];
    const byId = await requests(`?service_request_id=${encodeURIComponent(hidden.map((n) => numbers[n]).join(','))}`);
    assert.deepEqual(byId, []);
    for (const name of hidden) {
      const answer = await get(`/open311/v2/requests/${encodeURIComponent(numbers[name] ?? '')}.json`);
      assert.equal(answer.status, 404, name);
    }
  });

  it('filters by service_code, status, date range and service_request_id', async () => {
    assert.deepEqual(idsOf(await requests('?service_code=01')), sorted('closed'));
    assert.deepEqual(idsOf(await requests('?service_code=01.02,07')), sorted('planted', 'roads'));
    assert.deepEqual(idsOf(await requests('?service_code=nope')), []);
    assert.deepEqual(idsOf(await requests('?status=closed')), sorted('closed'));
    assert.deepEqual(idsOf(await requests('?status=open')), sorted('planted', 'roads'));
    assert.deepEqual(idsOf(await requests('?status=open,closed')), sorted('planted', 'closed', 'roads'));
    const day = 86_400_000;
    const start = new Date(Date.now() - 125 * day).toISOString();
    const end = new Date(Date.now() - 100 * day).toISOString();
    assert.deepEqual(idsOf(await requests(`?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`)), sorted('old'));
    assert.deepEqual(idsOf(await requests(`?start_date=${encodeURIComponent(start)}`)), sorted('old'));
    // service_request_id overrides the other filters (the spec), so the old one is found too.
    assert.deepEqual(
      idsOf(await requests(`?service_request_id=${encodeURIComponent(`${numbers['old']},${numbers['roads']}`)}&status=closed`)),
      sorted('old', 'roads'),
    );
  });

  it('pages with page and page_size, newest first', async () => {
    assert.deepEqual(idsOf(await requests('?page_size=1&page=2')), sorted('closed'));
    assert.deepEqual(idsOf(await requests('?page_size=2&page=2')), sorted('roads'));
    assert.deepEqual(await requests('?page_size=2&page=3'), []);
  });

  it('answers a single request as an array of one, and an unknown id with 404 in the spec error shape', async () => {
    const one = await get(`/open311/v2/requests/${encodeURIComponent(numbers['planted'] ?? '')}.json?locale=kk`);
    assert.equal(one.status, 200);
    const list = one.body as ServiceRequest[];
    assert.equal(list.length, 1);
    assert.equal(list[0]?.service_request_id, numbers['planted']);
    assert.equal(list[0]?.['service_name'], 'Қоқыс шығару');
    assert.equal(list[0]?.['address'], 'Талдықорған қаласы');
    assert.equal(list[0]?.['agency_responsible'], 'ТКШ басқармасы');
    assert.equal(list[0]?.['status_notes'], 'Тіркелді');
    const missing = await get('/open311/v2/requests/ЖТ-1999-000001.json');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(missing.body, [{ code: 404, description: 'Service request ЖТ-1999-000001 was not found' }]);
  });

  it('refuses bad parameters with 400 and the spec error shape, naming each problem', async () => {
    const bad = await get('/open311/v2/requests.json?status=pending&start_date=yesterday&page_size=1001&locale=en');
    assert.equal(bad.status, 400);
    const errors = bad.body as { code: number; description: string }[];
    assert.deepEqual(
      errors.map((e) => e.code),
      [400, 400, 400, 400],
    );
    assert.deepEqual(errors.map((e) => e.description.split(' ')[0]).sort(), ['locale', 'page_size', 'start_date', 'status']);
    const tooLong = await get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    assert.equal(tooLong.status, 400);
    assert.match((tooLong.body as { description: string }[])[0]?.description ?? '', /90 days/);
    const backwards = await get('/open311/v2/requests.json?start_date=2026-02-01&end_date=2026-01-01');
    assert.equal(backwards.status, 400);
    const page = await get('/open311/v2/requests.json?page=0');
    assert.equal(page.status, 400);
  });

  it('refuses a NUL byte in an id or a parameter with 400 in the spec shape, not a 500', async () => {
    const id = await get('/open311/v2/requests/%00.json');
    assert.equal(id.status, 400);
    assert.deepEqual(id.body, [{ code: 400, description: 'service_request_id must not contain the NUL character (U+0000, character 1)' }]);
    for (const parameter of ['service_code', 'status', 'locale', 'service_request_id']) {
      const answered = await get(`/open311/v2/requests.json?${parameter}=a%00b`);
      assert.equal(answered.status, 400, parameter);
      assert.deepEqual(answered.body, [{ code: 400, description: `${parameter} must not contain the NUL character (U+0000, character 2)` }]);
    }
    const half = await get('/open311/v2/requests/%ED%A0%80.json');
    assert.equal(half.status, 400, 'a lone surrogate in the id');
  });

  it('serves JSON only, refuses unknown resources and every method but GET and HEAD', async () => {
    const xml = await get('/open311/v2/requests.xml');
    assert.equal(xml.status, 400);
    assert.deepEqual(xml.body, [{ code: 400, description: 'Only the JSON format is served: ask for requests.json' }]);
    const unknown = await get('/open311/v2/nothing.json');
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { code: number }[])[0]?.code, 404);
    assert.equal((await get('/open311/v2/services/01.json')).status, 404);
    const post = await get('/open311/v2/requests.json', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(post.status, 405);
    const head = await fetch(`${base}/open311/v2/services.json`, { method: 'HEAD' });
    assert.equal(head.status, 200);
  });

  it('costs one SQL statement per answer, whatever the page holds', async () => {
    const one = await measureQueries(service, () => requests('?page_size=1'));
    const all = await measureQueries(service, () => requests());
    assert.equal(one.result.length, 1);
    assert.equal(all.result.length, 3);
    assert.equal(one.queries, 1, one.log.join('\n'));
    assert.equal(all.queries, 1, all.log.join('\n'));
    assert.equal((await measureQueries(service, () => get(`/open311/v2/requests/${encodeURIComponent(numbers['planted'] ?? '')}.json`))).queries, 1);
    assert.equal((await measureQueries(service, () => get('/open311/v2/services.json'))).queries, 1);
  });

  it('never shows the applicant: no IIN, phone, e-mail, name, address, text or exact point in an answer', () => {
    assert.ok(bodies.length > 20);
    const everything = bodies.join('\n');
    const forbidden = [
      planted.iin,
      planted.phone,
      planted.phone.replace('+7', '8'),
      planted.phone.slice(1),
      planted.email,
      'Жумабеков',
      'Ерлан',
      'Сейфуллина',
      summaryMarker,
      textMarker,
      'Петров',
      String(point.lat),
      String(point.lon),
    ];
    for (const value of forbidden) assert.equal(everything.includes(value), false, `"${value}" appears in a public answer`);
  });
});
