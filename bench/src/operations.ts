// The operations the benchmark drives: what the registry screen, an appeal card and the registrar's
// form send. The same text goes to every target (our gateway, Hive Gateway, the subgraph itself).
import { withCheckDigit } from '@bakylau/platform/identity/check-digit';

/** The registry screen: a page of appeals with the organization, instructions (instructions subgraph) and the reception visit (reception subgraph). */
export const pageAcrossSubgraphs = `query RegistryPage($first: Int!) {
  appeals(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id registrationNumber kind state overdue dueDate registeredAt summary
      organization { id name }
      instructions { id number controlState dueDate }
      receptionVisit { id state topic }
    } }
  }
}`;

/** The same page with the appeals subgraph's fields only: what the subgraph can answer by itself. */
export const pageAppealsOnly = `query RegistryPageAppeals($first: Int!) {
  appeals(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id registrationNumber kind state overdue dueDate registeredAt summary
      organization { id name }
    } }
  }
}`;

/** An appeal card (appeals subgraph only, so it can be asked of the subgraph directly too). */
export const appealById = `query AppealCard($id: ID!) {
  appeal(id: $id) {
    id registrationNumber version kind channel state overdue receivedAt registeredAt dueDate maxDueDate summary text
    applicant { type }
    organization { id name parent { id name } }
    category { id name }
    district { id name }
    executors { lead state dueDate organization { id name } }
    dueDateHistory { dueDate reason }
  }
}`;

/** The registrar's form (README "Example operations"). */
export const registerAppeal = `mutation Register($input: RegisterAppealInput!) {
  registerAppeal(input: $input) { id registrationNumber state version dueDate }
}`;

/**
 * Valid IINs (12 digits ending in their check digit) of people born 1960–1999, made from a
 * deterministic sequence so runs are comparable; serials whose check digit cannot exist are skipped.
 */
export function iinPool(size: number): string[] {
  const pool: string[] = [];
  for (let i = 0; pool.length < size; i += 1) {
    const year = 60 + (i % 40);
    const month = 1 + (Math.floor(i / 40) % 12);
    const day = 1 + (Math.floor(i / 480) % 28);
    const centurySex = 3 + (i % 2);
    const serial = (i * 7919) % 10_000;
    const first11 = `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${centurySex}${String(serial).padStart(4, '0')}`;
    const iin = withCheckDigit(first11);
    if (iin) pool.push(iin);
  }
  return pool;
}

const summaries = [
  'Нет записи к терапевту в поликлинике №2',
  'Ямы на дороге по ул. Жансугурова',
  'Не вывозят мусор третью неделю',
  'Нет отопления в школе №5',
  'Прошу установить освещение во дворе',
];

/** A registration input as in the README example, with the IIN (and the summary) varied per call. */
export function registrationInput(iin: string, n: number): Record<string, unknown> {
  return {
    kind: n % 3 === 0 ? 'APPLICATION' : 'COMPLAINT',
    channel: 'HAND_DELIVERY',
    applicant: { type: 'INDIVIDUAL', name: 'Серік Ахметов', iin, phone: '+77011234567' },
    summary: summaries[n % summaries.length] ?? 'Обращение',
    text: 'Третью неделю не могу записаться к участковому терапевту.',
  };
}

/** A generator of register-mutation bodies cycling through a pool of valid IINs. */
export function registrationBodies(poolSize = 5000): () => string {
  const pool = iinPool(poolSize);
  let n = 0;
  return () => {
    n += 1;
    return JSON.stringify({ query: registerAppeal, variables: { input: registrationInput(pool[n % pool.length] ?? '', n) } });
  };
}
