import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { appealNotice, letterDate, type AppealNoticeFacts } from './applicant-notices.ts';

const n = 'ЖТ-2026-000042';

describe('applicant notices', () => {
  it('writes dates as DD.MM.YYYY', () => {
    assert.equal(letterDate('2026-01-08'), '08.01.2026');
  });

  it('tells of registration in Russian and in Kazakh', () => {
    const facts: AppealNoticeFacts = { kind: 'APPEAL_REGISTERED', registrationNumber: n, registeredOn: '2026-11-25', dueDate: '2026-12-10' };
    const ru = appealNotice(facts, 'RU');
    assert.equal(ru.subject, `Обращение № ${n} зарегистрировано`);
    assert.equal(ru.sms, `Ваше обращение зарегистрировано 25.11.2026 под № ${n}. Срок рассмотрения — до 10.12.2026.`);
    assert.match(ru.body, /^Уважаемый заявитель!\n\nВаше обращение зарегистрировано 25\.11\.2026/);
    const kk = appealNotice(facts, 'KK');
    assert.equal(kk.subject, `№ ${n} өтініш тіркелді`);
    assert.equal(kk.sms, `Сіздің өтінішіңіз тіркелді: 25.11.2026, тіркеу нөмірі № ${n}. Қарау мерзімі: 10.12.2026 дейін.`);
    assert.match(kk.body, /^Құрметті өтініш беруші!\n\nСіздің өтінішіңіз тіркелді/);
    assert.match(kk.body, /автоматты хабарламасы/);
  });

  it('names the executor when routed and the receiving body when forwarded', () => {
    const routed = appealNotice({ kind: 'APPEAL_ROUTED', registrationNumber: n, executor: 'Талдықорған қаласының әкімдігі', dueDate: '2026-12-10' }, 'KK');
    assert.equal(routed.sms, `Сіздің № ${n} өтінішіңіз қарауға жіберілді. Орындаушы: Талдықорған қаласының әкімдігі. Қарау мерзімі: 10.12.2026 дейін.`);
    const forwarded = appealNotice({ kind: 'APPEAL_FORWARDED', registrationNumber: n, toBody: 'Департамент полиции области Жетісу' }, 'RU');
    assert.equal(forwarded.subject, `Обращение № ${n} направлено по компетенции`);
    assert.equal(
      forwarded.sms,
      `Ваше обращение № ${n} направлено по компетенции в другой орган: Департамент полиции области Жетісу. Ответ вы получите от этого органа.`,
    );
    assert.match(appealNotice({ kind: 'APPEAL_FORWARDED', registrationNumber: n, toBody: 'X' }, 'KK').sms, /құзыреті бойынша басқа органға жіберілді: X\./);
  });

  it('gives the new date and the reason of an extension (the legal notice)', () => {
    const facts: AppealNoticeFacts = { kind: 'APPEAL_EXTENDED', registrationNumber: n, newDueDate: '2027-01-08', reason: 'Требуется выезд на место.' };
    assert.equal(appealNotice(facts, 'RU').sms, `Срок рассмотрения вашего обращения № ${n} продлён до 08.01.2027. Причина: Требуется выезд на место.`);
    assert.equal(appealNotice(facts, 'KK').sms, `Сіздің № ${n} өтінішіңізді қарау мерзімі 08.01.2027 дейін ұзартылды. Себебі: Требуется выезд на место.`);
    assert.equal(appealNotice(facts, 'KK').subject, `№ ${n} өтінішті қарау мерзімі ұзартылды`);
  });

  it('tells the outcome of the answer in the chosen language', () => {
    const facts: AppealNoticeFacts = { kind: 'APPEAL_ANSWERED', registrationNumber: n, answeredOn: '2026-12-01', outcome: 'PARTLY_SATISFIED' };
    assert.equal(appealNotice(facts, 'RU').sms, `На ваше обращение № ${n} 01.12.2026 дан ответ. Результат: удовлетворено частично.`);
    assert.equal(appealNotice(facts, 'KK').sms, `Сіздің № ${n} өтінішіңізге 01.12.2026 жауап берілді. Нәтижесі: ішінара қанағаттандырылды.`);
  });
});
