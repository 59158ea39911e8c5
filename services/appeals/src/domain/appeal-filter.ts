import { isCivilDate } from '@bakylau/platform/calendar/index';
import { badUserInput, type FieldProblem } from '@bakylau/platform/errors';
import { isUuid } from '@bakylau/platform/ids';
import { appealChannels, appealKinds, type AppealChannel, type AppealKind } from './appeal-kinds.ts';
import { appealStates, type AppealState } from './appeal-lifecycle.ts';

/** The registry's filter (GraphQL `AppealFilter`): every condition optional, all of them joined by AND. */
export type AppealListFilter = {
  state?: AppealState[] | null;
  overdue?: boolean | null;
  organizationId?: string | null;
  districtId?: string | null;
  categoryId?: string | null;
  kind?: AppealKind | null;
  channel?: AppealChannel | null;
  registeredFrom?: Date | null;
  registeredTo?: Date | null;
  /** Due on or after this civil date. */
  dueFrom?: string | null;
  dueTo?: string | null;
  /** True: only appeals under the akim's control; false: only those that are not. */
  underAkimControl?: boolean | null;
  /** Full-text match over summary and text (see search-queries.ts). */
  text?: string | null;
};

/** The longest text condition, as for `searchAppeals`. */
export const maxFilterTextLength = 200;

/**
 * Refuses a filter that cannot mean what it says, naming every field: an id that is not a uuid
 * (it would reach SQL as one), a range whose start lies after its end, a text condition that is
 * too long. An empty text is no condition.
 */
export function checkAppealFilter(filter: AppealListFilter): void {
  const problems: FieldProblem[] = [];
  for (const field of ['organizationId', 'districtId', 'categoryId'] as const) {
    const value = filter[field];
    if (value != null && !isUuid(value)) problems.push({ field: `filter.${field}`, message: 'is not an id' });
  }
  if (filter.registeredFrom && filter.registeredTo && filter.registeredFrom.getTime() > filter.registeredTo.getTime()) {
    problems.push({ field: 'filter.registeredFrom', message: 'must not be after registeredTo' });
  }
  if (filter.dueFrom && filter.dueTo && filter.dueFrom > filter.dueTo) {
    problems.push({ field: 'filter.dueFrom', message: 'must not be after dueTo' });
  }
  if (filter.text && filter.text.trim().length > maxFilterTextLength) {
    problems.push({ field: 'filter.text', message: `must have at most ${maxFilterTextLength} characters` });
  }
  if (problems.length) throw badUserInput('The filter is not valid', problems);
}

/** The filter as plain JSON (instants as ISO strings, absent conditions left out): what a signed link carries. */
export type AppealFilterJson = {
  state?: AppealState[];
  overdue?: boolean;
  organizationId?: string;
  districtId?: string;
  categoryId?: string;
  kind?: AppealKind;
  channel?: AppealChannel;
  registeredFrom?: string;
  registeredTo?: string;
  dueFrom?: string;
  dueTo?: string;
  underAkimControl?: boolean;
  text?: string;
};

export function filterToJson(filter: AppealListFilter): AppealFilterJson {
  const json: AppealFilterJson = {};
  if (filter.state?.length) json.state = [...filter.state];
  if (filter.overdue != null) json.overdue = filter.overdue;
  if (filter.organizationId) json.organizationId = filter.organizationId;
  if (filter.districtId) json.districtId = filter.districtId;
  if (filter.categoryId) json.categoryId = filter.categoryId;
  if (filter.kind) json.kind = filter.kind;
  if (filter.channel) json.channel = filter.channel;
  if (filter.registeredFrom) json.registeredFrom = filter.registeredFrom.toISOString();
  if (filter.registeredTo) json.registeredTo = filter.registeredTo.toISOString();
  if (filter.dueFrom) json.dueFrom = filter.dueFrom;
  if (filter.dueTo) json.dueTo = filter.dueTo;
  if (filter.underAkimControl != null) json.underAkimControl = filter.underAkimControl;
  if (filter.text?.trim()) json.text = filter.text.trim();
  return json;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const stateSet: ReadonlySet<string> = new Set(appealStates);
const kindSet: ReadonlySet<string> = new Set(appealKinds);
const channelSet: ReadonlySet<string> = new Set(appealChannels);

/**
 * Reads a filter back from JSON as strictly as GraphQL reads `AppealFilter`: only known fields,
 * each of its type and enumeration, instants as `filterToJson` writes them; then the same rules
 * as {@link checkAppealFilter}. Null when the value is not such a filter.
 */
export function filterFromJson(value: unknown): AppealListFilter | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const filter: AppealListFilter = {};
  for (const [key, item] of Object.entries(value)) {
    switch (key) {
      case 'state':
        if (!Array.isArray(item) || item.length === 0 || !item.every((s) => typeof s === 'string' && stateSet.has(s))) return null;
        filter.state = item as AppealState[];
        break;
      case 'overdue':
      case 'underAkimControl':
        if (typeof item !== 'boolean') return null;
        filter[key] = item;
        break;
      case 'organizationId':
      case 'districtId':
      case 'categoryId':
        if (typeof item !== 'string' || !isUuid(item)) return null;
        filter[key] = item;
        break;
      case 'kind':
        if (typeof item !== 'string' || !kindSet.has(item)) return null;
        filter.kind = item as AppealKind;
        break;
      case 'channel':
        if (typeof item !== 'string' || !channelSet.has(item)) return null;
        filter.channel = item as AppealChannel;
        break;
      case 'registeredFrom':
      case 'registeredTo': {
        if (typeof item !== 'string' || !isoInstant.test(item) || Number.isNaN(Date.parse(item))) return null;
        filter[key] = new Date(item);
        break;
      }
      case 'dueFrom':
      case 'dueTo':
        if (typeof item !== 'string' || !isCivilDate(item)) return null;
        filter[key] = item;
        break;
      case 'text':
        if (typeof item !== 'string' || !item.trim()) return null;
        filter.text = item;
        break;
      default:
        return null;
    }
  }
  return filter;
}
