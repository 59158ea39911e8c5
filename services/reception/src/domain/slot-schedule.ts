/** A slot of a session before it is stored: its number (from 1) and its time. */
export type PlannedSlot = { number: number; startsAt: Date; endsAt: Date };

const minute = 60_000;

/**
 * Cuts a session into `capacity` consecutive slots of `slotMinutes` each, so a citizen books a
 * time, not just a day, and the official's schedule ends when the last slot does.
 */
export function generateSlots(startsAt: Date, capacity: number, slotMinutes: number): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  for (let i = 0; i < capacity; i += 1) {
    const start = new Date(startsAt.getTime() + i * slotMinutes * minute);
    slots.push({ number: i + 1, startsAt: start, endsAt: new Date(start.getTime() + slotMinutes * minute) });
  }
  return slots;
}

/** When the session's last slot ends. */
export function sessionEnd(startsAt: Date, capacity: number, slotMinutes: number): Date {
  return new Date(startsAt.getTime() + capacity * slotMinutes * minute);
}
