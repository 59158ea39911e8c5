import type { AppealChannel, AppealKind, AppealOutcome } from './appeal-kinds.ts';
import type { AppealState } from './appeal-lifecycle.ts';
import type { ApplicantLanguage } from './applicant-notices.ts';

/** The language a citizen reads their appeals in: the one they chose for notices (the state language or Russian, Constitution art. 7). */
export type Language = ApplicantLanguage;

/** How an applicant is told where their appeal stands. */
const stateLabels: Record<AppealState, Record<Language, string>> = {
  REGISTERED: { RU: 'Зарегистрировано', KK: 'Тіркелді' },
  ASSIGNED: { RU: 'Направлено исполнителю', KK: 'Орындаушыға жіберілді' },
  IN_PROGRESS: { RU: 'На рассмотрении', KK: 'Қаралуда' },
  ANSWER_SUBMITTED: { RU: 'Ответ подготовлен', KK: 'Жауап дайындалды' },
  UNDER_REVIEW: { RU: 'Ответ на проверке', KK: 'Жауап тексерілуде' },
  RETURNED_FOR_REWORK: { RU: 'Ответ возвращён на доработку', KK: 'Жауап пысықтауға қайтарылды' },
  ANSWERED: { RU: 'Дан ответ', KK: 'Жауап берілді' },
  FORWARDED: { RU: 'Направлено в компетентный орган', KK: 'Құзыретті органға жіберілді' },
  LEFT_WITHOUT_CONSIDERATION: { RU: 'Оставлено без рассмотрения', KK: 'Қараусыз қалдырылды' },
  REDIRECTED_EXCLUDED: { RU: 'Перенаправлено для рассмотрения в ином порядке', KK: 'Өзге тәртіппен қарауға жіберілді' },
  WITHDRAWN: { RU: 'Отозвано заявителем', KK: 'Өтініш беруші кері қайтарып алды' },
};

/** The kinds of АППК art. 4 as the Code names them. */
const kindLabels: Record<AppealKind, Record<Language, string>> = {
  APPLICATION: { RU: 'Заявление', KK: 'Өтініш' },
  COMPLAINT: { RU: 'Жалоба', KK: 'Шағым' },
  PROPOSAL: { RU: 'Предложение', KK: 'Ұсыныс' },
  RESPONSE: { RU: 'Отклик', KK: 'Ден қою' },
  REQUEST: { RU: 'Запрос', KK: 'Сұрау салу' },
  REPORT: { RU: 'Сообщение', KK: 'Хабарлама' },
};

/** How an appeal arrived (the registry's and the reports' wording). */
const channelLabels: Record<AppealChannel, Record<Language, string>> = {
  POST: { RU: 'Почтой', KK: 'Пошта арқылы' },
  HAND_DELIVERY: { RU: 'Нарочно', KK: 'Қолма-қол' },
  ELECTRONIC: { RU: 'В электронной форме', KK: 'Электрондық нысанда' },
  E_OTINISH: { RU: 'Через портал «е-Өтініш»', KK: '«е-Өтініш» порталы арқылы' },
  PERSONAL_RECEPTION: { RU: 'На личном приёме', KK: 'Жеке қабылдауда' },
  HOTLINE: { RU: 'По телефону доверия', KK: 'Сенім телефоны арқылы' },
};

/** The result of the consideration as the final answer states it. */
const outcomeLabels: Record<AppealOutcome, Record<Language, string>> = {
  SATISFIED: { RU: 'Удовлетворено', KK: 'Қанағаттандырылды' },
  PARTLY_SATISFIED: { RU: 'Удовлетворено частично', KK: 'Ішінара қанағаттандырылды' },
  EXPLAINED: { RU: 'Разъяснено', KK: 'Түсіндірілді' },
  REJECTED: { RU: 'Отказано', KK: 'Бас тартылды' },
};

export function stateLabel(state: AppealState, language: Language): string {
  return stateLabels[state][language];
}

export function kindLabel(kind: AppealKind, language: Language): string {
  return kindLabels[kind][language];
}

export function channelLabel(channel: AppealChannel, language: Language): string {
  return channelLabels[channel][language];
}

export function outcomeLabel(outcome: AppealOutcome, language: Language): string {
  return outcomeLabels[outcome][language];
}

/** A directory name in the language: the Kazakh name when there is one, else the Russian. */
export function localizedName(row: { name: string; nameKk?: string | null }, language: Language): string {
  return language === 'KK' && row.nameKk ? row.nameKk : row.name;
}
