export type {
  BuildCalendarYearOptions,
  CalendarYear,
  CivilDate,
  FixedHolidayRule,
  Holiday,
  Transfer,
  TransferKind,
  WorkingCalendar,
} from './working-calendar.ts';
export {
  addCalendarDays,
  buildCalendarYear,
  CalendarDataError,
  CalendarYearMissingError,
  civilDateInKazakhstan,
  createWorkingCalendar,
  fixedHolidayRules,
  InvalidCivilDateError,
  isCivilDate,
  KURBAN_AIT_NAME,
  KZ_SINGLE_ZONE_SINCE,
  rulesInForce,
  validateCalendarYear,
  WEEKEND_MOVE_BASIS_PREFIX,
} from './working-calendar.ts';
export type { KzYearData, UnverifiedEntry, Verification } from './kz-calendar-data.ts';
export { buildKzCalendarYear, kzCalendarYears, kzUnverifiedEntries, kzWorkingCalendar, kzYearData } from './kz-calendar-data.ts';
