import type { DocxBlock, DocxDocument } from '@bakylau/platform/documents/docx-writer';
import type { AppealKind } from './appeal-kinds.ts';
import { kindLabel } from './appeal-labels.ts';

/**
 * The slip (талон) the applicant gets on registration (АППК art. 64): the unique number, the date
 * and time, and the name and position of who accepted the appeal. It carries no personal data of
 * the applicant, so a leaked download link reveals nothing about them.
 */
export type AppealSlip = {
  registrationNumber: string;
  registeredAt: Date;
  acceptedByName: string;
  acceptedByPosition: string | null;
  organizationName: string | null;
  kind: AppealKind;
  termDueDate: string;
};

const KZ_OFFSET_MS = 5 * 60 * 60 * 1000;

/** 'DD.MM.YYYY HH:MM' in Kazakhstan time (UTC+5), as on paper documents. */
export function kzDateTime(instant: Date): string {
  const local = new Date(instant.getTime() + KZ_OFFSET_MS).toISOString();
  return `${kzDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** 'YYYY-MM-DD' as 'DD.MM.YYYY'. */
export function kzDate(civilDate: string): string {
  const [year, month, day] = civilDate.split('-');
  return `${day}.${month}.${year}`;
}

/** The printable slip, in Russian. */
export function slipDocument(slip: AppealSlip, issuedAt: Date): DocxDocument {
  const rows: [string, string][] = [
    ['Регистрационный номер', slip.registrationNumber],
    ['Дата и время регистрации', `${kzDateTime(slip.registeredAt)} (время Казахстана, UTC+5)`],
    ['Вид обращения', kindLabel(slip.kind, 'RU')],
    ['Принял(а)', slip.acceptedByName],
    ['Должность', slip.acceptedByPosition ?? '—'],
    ['Организация', slip.organizationName ?? '—'],
    ['Срок рассмотрения', `до ${kzDate(slip.termDueDate)}`],
  ];
  const blocks: DocxBlock[] = [
    { kind: 'title', text: 'Талон о регистрации обращения' },
    { kind: 'paragraph', text: 'статья 64 Административного процедурно-процессуального кодекса Республики Казахстан', align: 'center' },
    { kind: 'table', header: ['Сведения', 'Значение'], rows },
    { kind: 'paragraph', text: 'Сохраните талон: по регистрационному номеру можно узнать, как рассматривается обращение.' },
    { kind: 'paragraph', text: `Талон сформирован ${kzDateTime(issuedAt)}.` },
  ];
  return { title: `Талон ${slip.registrationNumber}`, author: 'Bakylau', created: issuedAt, language: 'ru-RU', blocks };
}
