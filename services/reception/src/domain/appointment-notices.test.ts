import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { appointmentNotice, slotTimeInKazakhstan } from './appointment-notices.ts';

const slot = new Date('2026-03-10T05:30:00Z');

describe('appointment notices', () => {
  it('reads the slot in Kazakhstan time', () => {
    assert.deepEqual(slotTimeInKazakhstan(new Date('2026-03-10T20:15:00Z')), { date: '11.03.2026', time: '01:15' });
  });

  it('tells of a booking, a change and a cancellation in Russian and Kazakh', () => {
    assert.equal(appointmentNotice({ kind: 'APPOINTMENT_BOOKED', slotStartsAt: slot }, 'RU').text, 'Вы записаны на личный приём 10.03.2026 в 10:30.');
    assert.equal(appointmentNotice({ kind: 'APPOINTMENT_BOOKED', slotStartsAt: slot }, 'KK').text, 'Сіз жеке қабылдауға жазылдыңыз: 10.03.2026, сағат 10:30.');
    assert.equal(
      appointmentNotice({ kind: 'APPOINTMENT_CHANGED', slotStartsAt: slot }, 'KK').text,
      'Жеке қабылдау уақыты өзгертілді. Жаңа уақыт: 10.03.2026, сағат 10:30.',
    );
    assert.equal(
      appointmentNotice({ kind: 'APPOINTMENT_CANCELLED', slotStartsAt: slot }, 'RU').text,
      'Ваша запись на личный приём 10.03.2026 в 10:30 отменена.',
    );
    assert.equal(
      appointmentNotice({ kind: 'APPOINTMENT_CANCELLED', slotStartsAt: slot, sessionCancelled: true }, 'KK').text,
      'Сіздің 10.03.2026, сағат 10:30 жеке қабылдауға жазылуыңыз жойылды: қабылдау өтпейді.',
    );
  });
});
