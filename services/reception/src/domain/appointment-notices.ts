import { civilClockTime, civilDateInKazakhstan, formatCivilDate } from '@bakylau/platform/civil-time';
import type { NotificationLanguage } from '@bakylau/platform/notifications/notification';

/** What a citizen is told by SMS about their reception appointment. */
export type AppointmentNoticeKind = 'APPOINTMENT_BOOKED' | 'APPOINTMENT_CHANGED' | 'APPOINTMENT_CANCELLED';

export type AppointmentNoticeFacts = { kind: AppointmentNoticeKind; slotStartsAt: Date; sessionCancelled?: boolean };

/** The slot's day and time as read in Kazakhstan: DD.MM.YYYY and HH:MM. */
export function slotTimeInKazakhstan(at: Date): { date: string; time: string } {
  return { date: formatCivilDate(civilDateInKazakhstan(at)), time: civilClockTime(at) };
}

/** The SMS in the citizen's language; the subject line is kept with the notification record. */
export function appointmentNotice(facts: AppointmentNoticeFacts, language: NotificationLanguage): { subject: string; text: string } {
  const { date, time } = slotTimeInKazakhstan(facts.slotStartsAt);
  if (language === 'KK') {
    switch (facts.kind) {
      case 'APPOINTMENT_BOOKED':
        return { subject: 'Жеке қабылдауға жазылу', text: `Сіз жеке қабылдауға жазылдыңыз: ${date}, сағат ${time}.` };
      case 'APPOINTMENT_CHANGED':
        return { subject: 'Жеке қабылдау уақыты өзгертілді', text: `Жеке қабылдау уақыты өзгертілді. Жаңа уақыт: ${date}, сағат ${time}.` };
      case 'APPOINTMENT_CANCELLED':
        return {
          subject: 'Жеке қабылдауға жазылу жойылды',
          text: `Сіздің ${date}, сағат ${time} жеке қабылдауға жазылуыңыз жойылды${facts.sessionCancelled ? ': қабылдау өтпейді' : ''}.`,
        };
    }
  }
  switch (facts.kind) {
    case 'APPOINTMENT_BOOKED':
      return { subject: 'Запись на личный приём', text: `Вы записаны на личный приём ${date} в ${time}.` };
    case 'APPOINTMENT_CHANGED':
      return { subject: 'Время личного приёма изменено', text: `Время вашего личного приёма изменено. Новое время: ${date} в ${time}.` };
    case 'APPOINTMENT_CANCELLED':
      return {
        subject: 'Запись на личный приём отменена',
        text: `Ваша запись на личный приём ${date} в ${time} отменена${facts.sessionCancelled ? ': приём не состоится' : ''}.`,
      };
  }
}
