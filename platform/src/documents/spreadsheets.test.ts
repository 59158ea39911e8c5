import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { strFromU8, unzipSync } from 'fflate';
import { readCsv } from './csv-reader.ts';
import { createCsvWriter, csvField } from './csv-writer.ts';
import { readXlsx } from './xlsx-reader.ts';
import { columnLetters, createXlsxWriter } from './xlsx-writer.ts';

describe('xlsx writer and reader', () => {
  const options = {
    sheetName: 'Реестр: 2026/1',
    columns: [
      { header: 'Номер', width: 16 },
      { header: 'Текст <и> "кавычки"', width: 40 },
      { header: 'Доработок', width: 10 },
    ],
    title: 'Реестр обращений',
    author: 'Bakylau',
    created: new Date('2026-07-01T04:00:00Z'),
  };

  it('round-trips a bold, frozen header, widths, strings (markup escaped, control characters dropped), numbers and empty cells', () => {
    const writer = createXlsxWriter(options);
    writer.addRows([
      ['ЖТ-2026-000001', '=HYPERLINK("http://x") & <b>\u0007', 2],
      ['ЖТ-2026-000002', null, 0],
    ]);
    writer.addRows([['ЖТ-2026-000003', 'строка 1\nстрока 2', null]]);
    const bytes = writer.finish();
    assert.equal(bytes[0], 0x50, 'a zip package starts with PK');
    const content = readXlsx(bytes);
    assert.equal(content.sheetName, 'Реестр  2026 1');
    assert.deepEqual(content.rows, [
      ['Номер', 'Текст <и> "кавычки"', 'Доработок'],
      ['ЖТ-2026-000001', '=HYPERLINK("http://x") & <b>', '2'],
      ['ЖТ-2026-000002', '', '0'],
      ['ЖТ-2026-000003', 'строка 1\nстрока 2'],
    ]);
    assert.equal(content.frozenRows, 1);
    assert.deepEqual(content.columnWidths, [16, 40, 10]);
    assert.deepEqual(content.boldRows, [0]);
    // Strings are inline strings, never formulas: Excel shows "=HYPERLINK(…)" as text.
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    assert.ok(!sheet.includes('<f>'));
    assert.match(sheet, /<autoFilter ref="A1:C4"\/>/);
  });

  it('writes a header-only sheet, names columns past Z, and refuses rows after finishing', () => {
    const writer = createXlsxWriter(options);
    const content = readXlsx(writer.finish());
    assert.deepEqual(content.rows, [['Номер', 'Текст <и> "кавычки"', 'Доработок']]);
    assert.throws(() => writer.addRows([['x', 'y', 1]]));
    assert.deepEqual([0, 25, 26, 51, 52, 701, 702].map(columnLetters), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('refuses a file that is not an xlsx package', () => {
    assert.throws(() => readXlsx(new TextEncoder().encode('plain text')), { code: 'BAD_USER_INPUT' });
  });
});

describe('csv writer and reader', () => {
  it('quotes separators, quotes and line breaks (RFC 4180) and neutralizes formulas with an apostrophe', () => {
    assert.equal(csvField('просто'), 'просто');
    assert.equal(csvField('a;b'), '"a;b"');
    assert.equal(csvField('он сказал "да"'), '"он сказал ""да"""');
    assert.equal(csvField('две\r\nстроки'), '"две\r\nстроки"');
    assert.equal(csvField('=1+2'), "'=1+2");
    assert.equal(csvField('+77011234567'), "'+77011234567");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\t=cmd'), "'\t=cmd");
    assert.equal(csvField('=A1;"x"'), `"'=A1;""x"""`);
    assert.equal(csvField('a=b'), 'a=b');
    assert.equal(csvField(-3), '-3', 'numbers are written as numbers');
    assert.equal(csvField(null), '');
  });

  it('writes UTF-8 with a byte order mark, ";" and CRLF, and reads back the same fields', () => {
    const writer = createCsvWriter(['Номер', 'Краткое содержание']);
    writer.addRows([
      ['ЖТ-1', 'Нет воды; второй день'],
      ['ЖТ-2', 'строка 1\nстрока 2 "цитата"'],
      ['ЖТ-3', null],
    ]);
    const bytes = writer.finish();
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(Buffer.from(bytes).toString('utf8').includes('\r\nЖТ-1;"Нет воды; второй день"\r\n'));
    assert.deepEqual(readCsv(bytes), [
      ['Номер', 'Краткое содержание'],
      ['ЖТ-1', 'Нет воды; второй день'],
      ['ЖТ-2', 'строка 1\nстрока 2 "цитата"'],
      ['ЖТ-3', ''],
    ]);
    assert.throws(() => writer.finish());
  });
});
