import type { NotificationLanguage } from '@bakylau/platform/notifications/notification';
import type { AppealOutcome } from './appeal-kinds.ts';

/** The language the applicant chose for what they are told: RU or KK (the state language). */
export type ApplicantLanguage = NotificationLanguage;

/**
 * What the applicant is told and when. The extension notice is the legal notice of an extension
 * (3 working days, АППК art. 76 part 3); the forwarding notice tells them which body now has the appeal.
 */
export type AppealNoticeFacts =
  | { kind: 'APPEAL_REGISTERED'; registrationNumber: string; registeredOn: string; dueDate: string }
  | { kind: 'APPEAL_ROUTED'; registrationNumber: string; executor: string; dueDate: string }
  | { kind: 'APPEAL_FORWARDED'; registrationNumber: string; toBody: string }
  | { kind: 'APPEAL_EXTENDED'; registrationNumber: string; newDueDate: string; reason: string }
  | { kind: 'APPEAL_ANSWERED'; registrationNumber: string; answeredOn: string; outcome: AppealOutcome };

export type AppealNoticeKind = AppealNoticeFacts['kind'];

/** The e-mail (subject and body) and the SMS text of one notice. */
export type AppealNoticeText = { subject: string; body: string; sms: string };

/** A civil date YYYY-MM-DD as written in letters here: DD.MM.YYYY. */
export function letterDate(civilDate: string): string {
  const [year, month, day] = civilDate.split('-');
  return `${day}.${month}.${year}`;
}

const outcomes: Record<ApplicantLanguage, Record<AppealOutcome, string>> = {
  RU: { SATISFIED: 'удовлетворено', PARTLY_SATISFIED: 'удовлетворено частично', EXPLAINED: 'даны разъяснения', REJECTED: 'отказано в удовлетворении' },
  KK: {
    SATISFIED: 'қанағаттандырылды',
    PARTLY_SATISFIED: 'ішінара қанағаттандырылды',
    EXPLAINED: 'түсініктеме берілді',
    REJECTED: 'қанағаттандырудан бас тартылды',
  },
};

const letter = {
  RU: {
    greeting: 'Уважаемый заявитель!',
    footer: 'Это автоматическое уведомление системы контроля обращений акимата; отвечать на него не нужно.',
  },
  KK: {
    greeting: 'Құрметті өтініш беруші!',
    footer: 'Бұл — әкімдіктің өтініштерді бақылау жүйесінің автоматты хабарламасы; оған жауап берудің қажеті жоқ.',
  },
} as const;

/** Subject and the message itself (also the SMS) in each language. */
function wording(facts: AppealNoticeFacts, language: ApplicantLanguage): { subject: string; text: string } {
  const n = facts.registrationNumber;
  if (language === 'KK') {
    switch (facts.kind) {
      case 'APPEAL_REGISTERED':
        return {
          subject: `№ ${n} өтініш тіркелді`,
          text: `Сіздің өтінішіңіз тіркелді: ${letterDate(facts.registeredOn)}, тіркеу нөмірі № ${n}. Қарау мерзімі: ${letterDate(facts.dueDate)} дейін.`,
        };
      case 'APPEAL_ROUTED':
        return {
          subject: `№ ${n} өтініш қарауға жіберілді`,
          text: `Сіздің № ${n} өтінішіңіз қарауға жіберілді. Орындаушы: ${facts.executor}. Қарау мерзімі: ${letterDate(facts.dueDate)} дейін.`,
        };
      case 'APPEAL_FORWARDED':
        return {
          subject: `№ ${n} өтініш құзыреті бойынша жіберілді`,
          text: `Сіздің № ${n} өтінішіңіз құзыреті бойынша басқа органға жіберілді: ${facts.toBody}. Жауапты осы органнан аласыз.`,
        };
      case 'APPEAL_EXTENDED':
        return {
          subject: `№ ${n} өтінішті қарау мерзімі ұзартылды`,
          text: `Сіздің № ${n} өтінішіңізді қарау мерзімі ${letterDate(facts.newDueDate)} дейін ұзартылды. Себебі: ${facts.reason}`,
        };
      case 'APPEAL_ANSWERED':
        return {
          subject: `№ ${n} өтінішке жауап берілді`,
          text: `Сіздің № ${n} өтінішіңізге ${letterDate(facts.answeredOn)} жауап берілді. Нәтижесі: ${outcomes.KK[facts.outcome]}.`,
        };
    }
  }
  switch (facts.kind) {
    case 'APPEAL_REGISTERED':
      return {
        subject: `Обращение № ${n} зарегистрировано`,
        text: `Ваше обращение зарегистрировано ${letterDate(facts.registeredOn)} под № ${n}. Срок рассмотрения — до ${letterDate(facts.dueDate)}.`,
      };
    case 'APPEAL_ROUTED':
      return {
        subject: `Обращение № ${n} направлено на рассмотрение`,
        text: `Ваше обращение № ${n} направлено на рассмотрение. Исполнитель: ${facts.executor}. Срок рассмотрения — до ${letterDate(facts.dueDate)}.`,
      };
    case 'APPEAL_FORWARDED':
      return {
        subject: `Обращение № ${n} направлено по компетенции`,
        text: `Ваше обращение № ${n} направлено по компетенции в другой орган: ${facts.toBody}. Ответ вы получите от этого органа.`,
      };
    case 'APPEAL_EXTENDED':
      return {
        subject: `Срок рассмотрения обращения № ${n} продлён`,
        text: `Срок рассмотрения вашего обращения № ${n} продлён до ${letterDate(facts.newDueDate)}. Причина: ${facts.reason}`,
      };
    case 'APPEAL_ANSWERED':
      return {
        subject: `По обращению № ${n} дан ответ`,
        text: `На ваше обращение № ${n} ${letterDate(facts.answeredOn)} дан ответ. Результат: ${outcomes.RU[facts.outcome]}.`,
      };
  }
}

/** The notice in the applicant's language: a short letter for e-mail, the bare message for SMS. */
export function appealNotice(facts: AppealNoticeFacts, language: ApplicantLanguage): AppealNoticeText {
  const { subject, text } = wording(facts, language);
  return { subject, body: `${letter[language].greeting}\n\n${text}\n\n${letter[language].footer}\n`, sms: text };
}
