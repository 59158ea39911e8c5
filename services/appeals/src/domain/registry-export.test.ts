import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { checkAppealFilter, filterFromJson, filterToJson } from './appeal-filter.ts';
import {
  grantFromJson,
  grantToJson,
  parseRegistryPath,
  registryColumns,
  registryFileNames,
  registryPath,
  registryRows,
  type RegistryEntry,
  type RegistryExportGrant,
} from './registry-export.ts';

const organizationId = '6f1d3c2a-1b2c-4d5e-8f90-0a1b2c3d4e5f';

const entry: RegistryEntry = {
  registrationNumber: 'ЖТ-2026-000042',
  registeredAt: new Date('2026-03-02T04:30:00Z'),
  channel: 'E_OTINISH',
  kind: 'COMPLAINT',
  applicantType: 'INDIVIDUAL',
  applicantName: 'Асанов Асан',
  applicantIin: '900101300012',
  applicantBin: null,
  applicantPhone: '+77011234567',
  applicantAddress: 'Талдыкорган, ул. Абая 1',
  summary: 'Нет горячей воды',
  category: 'ЖКХ',
  district: 'г. Талдыкорган',
  executor: 'Отдел ЖКХ',
  dueDate: '2026-03-30',
  state: 'IN_PROGRESS',
  closedAt: null,
  outcome: null,
  underAkimControl: true,
  reworkCount: 1,
};

describe('registry export: columns and rows', () => {
  it('writes the Russian columns with labels, Kazakhstan times, overdue as of the day, and personal columns only when allowed', () => {
    const personal = registryColumns(true).map((c) => c.header);
    const open = registryColumns(false).map((c) => c.header);
    assert.ok(personal.includes('ИИН/БИН') && personal.includes('Телефон') && personal.includes('Адрес'));
    assert.ok(!open.includes('ИИН/БИН') && !open.includes('Телефон') && !open.includes('Адрес') && open.includes('БИН'));
    assert.ok(!personal.some((h) => /текст/i.test(h)), 'the text of an appeal is never a column');

    const [row] = registryRows([entry], true, '2026-04-01');
    const cell = (header: string) => row?.[personal.indexOf(header)];
    assert.equal(cell('Дата регистрации'), '02.03.2026 09:30');
    assert.equal(cell('Канал поступления'), 'Через портал «е-Өтініш»');
    assert.equal(cell('Вид обращения'), 'Жалоба');
    assert.equal(cell('ИИН/БИН'), '900101300012');
    assert.equal(cell('Срок рассмотрения'), '30.03.2026');
    assert.equal(cell('Состояние'), 'На рассмотрении');
    assert.equal(cell('Просрочено'), 'да');
    assert.equal(cell('На контроле акима'), 'да');
    assert.equal(cell('Доработок'), 1);
    assert.equal(registryRows([entry], true, '2026-03-30')[0]?.[personal.indexOf('Просрочено')], 'нет', 'due today is not overdue');

    const answered = { ...entry, state: 'ANSWERED' as const, closedAt: new Date('2026-04-10T13:05:00Z'), outcome: 'PARTLY_SATISFIED' as const };
    const [closed] = registryRows([answered], false, '2026-05-01');
    assert.equal(closed?.[open.indexOf('Дата ответа / закрытия')], '10.04.2026 18:05');
    assert.equal(closed?.[open.indexOf('Результат рассмотрения')], 'Удовлетворено частично');
    assert.equal(closed?.[open.indexOf('Просрочено')], 'нет', 'a closed appeal is not overdue');
    assert.equal(closed?.length, open.length);
    assert.deepEqual(registryFileNames('CSV', '2026-05-01'), { fileName: 'Реестр обращений 01.05.2026.csv', asciiFileName: 'appeal-registry-2026-05-01.csv' });
  });
});

describe('registry export: the grant in a signed path', () => {
  const grant: RegistryExportGrant = {
    filter: {
      state: ['ASSIGNED', 'IN_PROGRESS'],
      overdue: true,
      organizationId,
      registeredFrom: new Date('2026-01-01T00:00:00Z'),
      dueFrom: '2026-02-01',
      dueTo: '2026-03-01',
      underAkimControl: false,
      text: 'вода',
    },
    caller: { role: 'executor', subject: 'executor-7', organizationId },
    personal: true,
    format: 'CSV',
  };

  it('puts nothing but the grant id and the extension in the link', () => {
    const grantId = '0b6f3c52-9a1e-4d8b-b7c2-2f4e6a8d1c35';
    assert.equal(registryPath(grantId, 'CSV'), `/documents/registry/${grantId}.csv`);
    assert.deepEqual(parseRegistryPath(registryPath(grantId, 'XLSX')), { grantId, format: 'XLSX' });
    for (const bad of [
      `/documents/registry/${grantId}.pdf`,
      '/documents/registry/%%%.xlsx',
      `/documents/registry/${Buffer.from(JSON.stringify(grantToJson(grant))).toString('base64url')}.xlsx`,
      `/documents/registry/${grantId.replace('0', 'g')}.csv`,
      `/documents/registry/../${grantId}.csv`,
    ]) {
      assert.equal(parseRegistryPath(bad), null, bad);
    }
  });

  it('round-trips the filter, the caller and the format through the stored grant', () => {
    assert.deepEqual(grantFromJson(JSON.parse(JSON.stringify(grantToJson(grant)))), grant);
    assert.equal(grantFromJson(grantToJson({ ...grant, format: 'XLSX' }))?.format, 'XLSX');
  });

  it('reads nothing but what it writes: unknown fields, wrong types, bad enums, ids or dates are refused', () => {
    const good = grantToJson(grant);
    assert.ok(grantFromJson(good));
    for (const bad of [
      { ...good, v: 1 },
      { ...good, extra: 1 },
      { ...good, personal: 'yes' },
      { ...good, format: 'PDF' },
      { ...good, caller: { ...grant.caller, role: 'superuser' } },
      { ...good, caller: { ...grant.caller, organizationId: 'not-a-uuid' } },
      { ...good, caller: { ...grant.caller, subject: '' } },
      { ...good, caller: { ...grant.caller, admin: true } },
      { ...good, filter: { state: ['DONE'] } },
      { ...good, filter: { state: [] } },
      { ...good, filter: { kind: 'PETITION' } },
      { ...good, filter: { districtId: "1' or '1'='1" } },
      { ...good, filter: { registeredFrom: '2026-01-01' } },
      { ...good, filter: { dueTo: '2026-02-30' } },
      { ...good, filter: { overdue: 'true' } },
      { ...good, filter: { sql: 'drop table appeal' } },
      { ...good, filter: null },
      null,
      'not json',
      [good],
    ]) {
      assert.equal(grantFromJson(bad), null, JSON.stringify(bad));
    }
  });

  it('checks a filter: ids, ranges that start after they end, a text too long', () => {
    checkAppealFilter({ dueFrom: '2026-03-01', dueTo: '2026-03-01', registeredFrom: new Date('2026-01-01'), registeredTo: new Date('2026-01-01') });
    const fieldsOf = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as { code: string; fields: { field: string }[] }).fields.map((f) => f.field);
      }
      return [];
    };
    assert.deepEqual(
      fieldsOf(() => checkAppealFilter({ dueFrom: '2026-03-02', dueTo: '2026-03-01' })),
      ['filter.dueFrom'],
    );
    assert.deepEqual(
      fieldsOf(() => checkAppealFilter({ registeredFrom: new Date('2026-02-01'), registeredTo: new Date('2026-01-01') })),
      ['filter.registeredFrom'],
    );
    assert.deepEqual(
      fieldsOf(() => checkAppealFilter({ organizationId: 'x', categoryId: organizationId, text: 'в'.repeat(201) })),
      ['filter.organizationId', 'filter.text'],
    );
    assert.throws(() => checkAppealFilter({ districtId: 'x' }), { code: 'BAD_USER_INPUT' });
    assert.deepEqual(filterFromJson(filterToJson({ text: '  ', state: [], overdue: null })), {});
  });
});
