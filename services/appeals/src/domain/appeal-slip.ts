import type { DocxBlock, DocxDocument } from '@bakylau/platform/documents/docx-writer';
import type { AppealKind } from './appeal-kinds.ts';
import { kindLabel, type Language } from './appeal-labels.ts';
import { civilTimeZoneLabel, formatCivilDate, formatCivilDateTime } from '@bakylau/platform/civil-time';

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

/** The slip's wording in the two languages an applicant may choose. */
const slipText: Record<
  Language,
  {
    title: string;
    basis: string;
    header: [string, string];
    number: string;
    registeredAt: string;
    localTime: string;
    kind: string;
    acceptedBy: string;
    position: string;
    organization: string;
    term: string;
    termUntil: (date: string) => string;
    keep: string;
    issued: (at: string) => string;
    language: string;
  }
> = {
  RU: {
    title: 'Талон о регистрации обращения',
    basis: 'статья 64 Административного процедурно-процессуального кодекса Республики Казахстан',
    header: ['Сведения', 'Значение'],
    number: 'Регистрационный номер',
    registeredAt: 'Дата и время регистрации',
    localTime: `время Казахстана, ${civilTimeZoneLabel}`,
    kind: 'Вид обращения',
    acceptedBy: 'Принял(а)',
    position: 'Должность',
    organization: 'Организация',
    term: 'Срок рассмотрения',
    termUntil: (date) => `до ${date}`,
    keep: 'Сохраните талон: по регистрационному номеру можно узнать, как рассматривается обращение.',
    issued: (at) => `Талон сформирован ${at}.`,
    language: 'ru-RU',
  },
  KK: {
    title: 'Өтінішті тіркеу туралы талон',
    basis: 'Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің 64-бабы',
    header: ['Мәліметтер', 'Мәні'],
    number: 'Тіркеу нөмірі',
    registeredAt: 'Тіркелген күні мен уақыты',
    localTime: `Қазақстан уақыты, ${civilTimeZoneLabel}`,
    kind: 'Өтініштің түрі',
    acceptedBy: 'Қабылдаған',
    position: 'Лауазымы',
    organization: 'Ұйым',
    term: 'Қарау мерзімі',
    termUntil: (date) => `${date} дейін`,
    keep: 'Талонды сақтаңыз: тіркеу нөмірі бойынша өтініштің қаралу барысын білуге болады.',
    issued: (at) => `Талон ${at} қалыптастырылды.`,
    language: 'kk-KZ',
  },
};

/** The printable slip, in the language the applicant chose (Russian by default). */
export function slipDocument(slip: AppealSlip, issuedAt: Date, language: Language = 'RU'): DocxDocument {
  const text = slipText[language];
  const rows: [string, string][] = [
    [text.number, slip.registrationNumber],
    [text.registeredAt, `${formatCivilDateTime(slip.registeredAt)} (${text.localTime})`],
    [text.kind, kindLabel(slip.kind, language)],
    [text.acceptedBy, slip.acceptedByName],
    [text.position, slip.acceptedByPosition ?? '—'],
    [text.organization, slip.organizationName ?? '—'],
    [text.term, text.termUntil(formatCivilDate(slip.termDueDate))],
  ];
  const blocks: DocxBlock[] = [
    { kind: 'title', text: text.title },
    { kind: 'paragraph', text: text.basis, align: 'center' },
    { kind: 'table', header: text.header, rows },
    { kind: 'paragraph', text: text.keep },
    { kind: 'paragraph', text: text.issued(formatCivilDateTime(issuedAt)) },
  ];
  return { title: `Талон ${slip.registrationNumber}`, author: 'Bakylau', created: issuedAt, language: text.language, blocks };
}
