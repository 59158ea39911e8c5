export type {
  BuildCalendarYearOptions,
  CalendarYear,
  CivilDate,
  FixedHolidayRule,
  Holiday,
  Transfer,
  TransferKind,
  WorkingCalendar,
  WorkingCalendarOptions,
} from './working-calendar.ts';
export {
  addCalendarDays,
  buildCalendarYear,
  CalendarDataError,
  CalendarYearMissingError,
  countedOnVerifiedYears,
  createWorkingCalendar,
  fixedHolidayRules,
  InvalidCivilDateError,
  isCivilDate,
  KURBAN_AIT_NAME,
  rulesInForce,
  validateCalendarYear,
  WEEKEND_MOVE_BASIS_PREFIX,
} from './working-calendar.ts';
export type { KzYearData, UnverifiedEntry, Verification } from './kz-calendar-data.ts';
export {
  buildKzCalendarYear,
  ESTIMATED_YEAR_SOURCE,
  estimatedKzYearData,
  kzCalendarYears,
  kzUnverifiedEntries,
  kzWorkingCalendar,
  kzYearData,
  tabularKurbanAitDates,
} from './kz-calendar-data.ts';
// Civil time lives in the kernel's civil-time module; re-exported for the callers that count days.
export { civilDateInKazakhstan, KZ_SINGLE_ZONE_SINCE } from '../civil-time.ts';
