import type { EntityManager } from '@mikro-orm/postgresql';
import type { SealingKeyring } from '@bakylau/platform/events/sealed-text';
import { demoId } from '@bakylau/platform/demo-ids';
import type { Principal, Role } from '@bakylau/platform/auth/principal';
import { addCalendarDays, civilDateInKazakhstan, type CivilDate, type WorkingCalendar } from '@bakylau/platform/calendar/index';
import { civilInstant, type ClockTime } from '@bakylau/platform/civil-time';
import type { AppealChannel, AppealKind, AppealOutcome } from '../domain/appeal-kinds.ts';
import type { ApplicantLanguage } from '../domain/applicant-notices.ts';
import { appealTerms } from '../domain/deadlines.ts';
import { complaintKind } from '@bakylau/platform/law/appeal-terms';
import { withCheckDigit } from '../domain/identification-number.ts';
import type { RegistrationNumberFormat } from '../domain/registration-number.ts';
import type { Appeal } from '../db/entities.ts';
import { reviewAppealAnswer, signAppealAnswer, startAppealWork, submitAppealAnswer } from '../use-cases/answer-appeal.ts';
import type { ApplicantData } from '../use-cases/appeal-input.ts';
import { fileAppeal, registerAppeal, type RegisterAppealInput } from '../use-cases/register-appeal.ts';
import { assignAppeal, extendAppeal, forwardAppeal, leaveWithoutConsideration, withdrawAppeal } from '../use-cases/route-appeal.ts';
import type { UseCaseDeps } from '../use-cases/use-case-deps.ts';

/**
 * The demo citizen: three appeals registered on paper under this IIN and one filed from the
 * account `demo-citizen`, so `npm run token -- --role citizen --sub demo-citizen --iin 850315450120`
 * shows all four in `myAppeals`.
 */
export const demoCitizen = {
  subject: 'demo-citizen',
  iin: '850315450120',
  name: 'Сейтова Айгерим Нурлановна',
  email: 'aigerim.seitova@example.kz',
  phone: '+77015550120',
} as const;

/** The account the demo appeals are registered, routed, reviewed and signed under (each step with its role). */
export const demoSeedSubject = 'demo-seed';

/** How many appeals the seed writes: the random ones, the planted cluster and the demo citizen's. */
export const demoAppealCount = 150;

/** The planted systemic issue: this many similar appeals on one category and district within the last 25 days. */
export const demoCluster = { categoryId: demoId('category:01'), districtId: demoId('district:tekeli'), size: 8 } as const;

export type DemoAppealsSettings = {
  registrationNumberFormat: RegistrationNumberFormat;
  calendar: WorkingCalendar;
  workingDayEnd: ClockTime;
  now: Date;
  sealingKeys: SealingKeyring;
};

type Scenario =
  | 'registered'
  | 'assigned'
  | 'inProgress'
  | 'answerSubmitted'
  | 'underReview'
  | 'returned'
  | 'answered'
  | 'answeredLate'
  | 'reworkAnswered'
  | 'extendedAnswered'
  | 'extendedOpen'
  | 'forwarded'
  | 'left'
  | 'withdrawn';

/** The next simpler scenario when an appeal is too young for one (its steps would fall on today or later). */
const fallback: Record<Scenario, Scenario | null> = {
  registered: null,
  assigned: 'registered',
  inProgress: 'assigned',
  answerSubmitted: 'inProgress',
  underReview: 'answerSubmitted',
  returned: 'answerSubmitted',
  answered: 'answerSubmitted',
  answeredLate: 'answered',
  reworkAnswered: 'returned',
  extendedAnswered: 'extendedOpen',
  extendedOpen: 'inProgress',
  forwarded: 'registered',
  left: 'registered',
  withdrawn: 'inProgress',
};

type District = { key: string; ru: string; kk: string; lat: number; lon: number; akimat: string | null; weight: number };

// Centres of the seeded districts (the district's town), for points of the problem map's geo layer.
const districts: District[] = [
  { key: 'taldykorgan', ru: 'г. Талдыкорган', kk: 'Талдықорған қ.', lat: 45.017, lon: 78.373, akimat: 'akimat-taldykorgan', weight: 34 },
  { key: 'tekeli', ru: 'г. Текели', kk: 'Текелі қ.', lat: 44.83, lon: 78.824, akimat: 'akimat-tekeli', weight: 12 },
  {
    key: 'eskeldi',
    ru: 'пос. Карабулак, Ескельдинский район',
    kk: 'Қарабұлақ кенті, Ескелді ауданы',
    lat: 44.906,
    lon: 78.49,
    akimat: 'rural-karabulak',
    weight: 14,
  },
  { key: 'karatal', ru: 'г. Уштобе, Каратальский район', kk: 'Үштөбе қ., Қаратал ауданы', lat: 45.251, lon: 77.983, akimat: 'rural-ushtobe', weight: 14 },
  { key: 'koksu', ru: 'с. Балпык би, Коксуский район', kk: 'Балпық би а., Көксу ауданы', lat: 44.894, lon: 78.229, akimat: null, weight: 12 },
  { key: 'sarkand', ru: 'г. Сарканд, Саркандский район', kk: 'Сарқан қ., Сарқан ауданы', lat: 45.41, lon: 79.917, akimat: null, weight: 14 },
];

type Topic = { ru: string[]; kk: string[] };
type CategorySeed = { code: string; weight: number; lead: (district: District) => string; forwardTo: string | null; topic: Topic };

// The body that answers on each category: a regional unit, or the district's akimat for local matters.
const local = (fallbackUnit: string) => (d: District) => d.akimat ?? fallbackUnit;

const categories: CategorySeed[] = [
  {
    code: '01',
    weight: 24,
    lead: (d) => (d.akimat && d.key !== 'taldykorgan' ? d.akimat : 'housing'),
    forwardTo: null,
    topic: {
      ru: [
        'Протекает крыша многоквартирного дома',
        'Не вывозится мусор во дворе',
        'Низкая температура отопления в квартире',
        'Завышенный тариф на водоснабжение',
        'Перебои с подачей холодной воды',
      ],
      kk: ['Көппәтерлі үйдің шатыры ағады', 'Аулада қоқыс шығарылмайды', 'Пәтерде жылу төмен', 'Суық су беру үзіліп тұрады'],
    },
  },
  {
    code: '02',
    weight: 10,
    lead: () => 'health',
    forwardTo: null,
    topic: {
      ru: ['Нет записи к участковому терапевту', 'Отказ в выдаче льготных лекарств', 'Долгое ожидание скорой помощи', 'Нехватка врачей в сельской амбулатории'],
      kk: ['Учаскелік терапевтке жазылу мүмкін емес', 'Жеңілдікті дәрі-дәрмек берілмейді', 'Ауылдық амбулаторияда дәрігер жетіспейді'],
    },
  },
  {
    code: '03',
    weight: 10,
    lead: () => 'education',
    forwardTo: null,
    topic: {
      ru: ['Нет мест в детском саду', 'Не организован подвоз детей в школу', 'Ремонт спортивного зала школы', 'Очередь в первый класс'],
      kk: ['Балабақшада орын жоқ', 'Оқушыларды мектепке тасымалдау ұйымдастырылмаған', 'Мектептің спорт залын жөндеу'],
    },
  },
  {
    code: '04',
    weight: 10,
    lead: () => 'social',
    forwardTo: null,
    topic: {
      ru: ['Назначение адресной социальной помощи', 'Отказ в жилищной помощи', 'Обеспечение инвалидной коляской', 'Пособие многодетной семье'],
      kk: ['Атаулы әлеуметтік көмек тағайындау', 'Мүгедектер арбасымен қамтамасыз ету', 'Көпбалалы отбасына жәрдемақы төлеу'],
    },
  },
  {
    code: '05',
    weight: 8,
    lead: local('akimat-taldykorgan'),
    forwardTo: null,
    topic: {
      ru: ['Оформление земельного участка под строительство дома', 'Самовольный захват земли соседом', 'Выделение пастбищ для скота'],
      kk: ['Тұрғын үй салуға жер учаскесін ресімдеу', 'Малға жайылым бөлу'],
    },
  },
  {
    code: '06',
    weight: 14,
    lead: () => 'roads',
    forwardTo: null,
    topic: {
      ru: ['Ямы на проезжей части', 'Не работает уличное освещение', 'Отменён автобусный маршрут', 'Нет пешеходного перехода у школы'],
      kk: ['Көшедегі жолда шұңқырлар', 'Көше жарығы жанбайды', 'Автобус бағыты тоқтатылды'],
    },
  },
  {
    code: '07',
    weight: 6,
    lead: () => 'social',
    forwardTo: null,
    topic: {
      ru: ['Трудоустройство по программе занятости', 'Задержка оплаты молодёжной практики', 'Направление на курсы переподготовки'],
      kk: ['Жұмыспен қамту бағдарламасы бойынша жұмысқа орналасу', 'Қайта даярлау курстарына жолдама'],
    },
  },
  {
    code: '08',
    weight: 10,
    lead: local('housing'),
    forwardTo: null,
    topic: {
      ru: ['Благоустройство детской площадки', 'Вырубка деревьев во дворе', 'Стихийная свалка у реки', 'Бродячие собаки в микрорайоне'],
      kk: ['Балалар алаңын абаттандыру', 'Өзен жағасындағы рұқсатсыз қоқыс үйіндісі', 'Шағын аудандағы қаңғыбас иттер'],
    },
  },
  {
    code: '09',
    weight: 5,
    lead: local('akimat-taldykorgan'),
    forwardTo: 'police',
    topic: { ru: ['Нарушение общественного порядка в ночное время', 'Мошенничество при продаже автомобиля'], kk: ['Түнгі уақытта қоғамдық тәртіпті бұзу'] },
  },
  {
    code: '10',
    weight: 3,
    lead: () => 'appeals-department',
    forwardTo: 'adaldyq-alany',
    topic: { ru: ['Вымогательство при оформлении справки', 'Сообщение о возможном конфликте интересов'], kk: ['Анықтама рәсімдеу кезінде пара талап ету'] },
  },
];

const streets: [ru: string, kk: string][] = [
  ['Абая', 'Абай'],
  ['Жансугурова', 'Жансүгіров'],
  ['Толе би', 'Төле би'],
  ['Гагарина', 'Гагарин'],
  ['Кабанбай батыра', 'Қабанбай батыр'],
  ['Тауелсиздик', 'Тәуелсіздік'],
  ['Шевченко', 'Шевченко'],
];

const surnames = [
  'Ахметов',
  'Жумабаев',
  'Сапаров',
  'Иванов',
  'Нурланов',
  'Касымов',
  'Омаров',
  'Бекенов',
  'Петров',
  'Тулегенов',
  'Мукашев',
  'Абдрахманов',
  'Садыков',
  'Ержанов',
];
const maleNames = ['Ерлан', 'Нурлан', 'Асхат', 'Данияр', 'Сергей', 'Болат', 'Арман', 'Тимур', 'Алексей', 'Серик', 'Мурат'];
const femaleNames = ['Айгуль', 'Гульнара', 'Жанар', 'Динара', 'Елена', 'Сауле', 'Асель', 'Мадина', 'Ольга', 'Айжан'];
const legalEntities = ['ОСИ «Самал-12»', 'ТОО «Алтын Дән»', 'КСК «Береке»', 'ТОО «Жетісу Құрылыс Сервис»'];

const answers: Record<AppealOutcome, Record<ApplicantLanguage, string>> = {
  SATISFIED: {
    RU: 'Обращение рассмотрено и удовлетворено: необходимые работы выполнены, исполнение остаётся на контроле.',
    KK: 'Өтініш қаралып, қанағаттандырылды: қажетті жұмыстар орындалды, орындалуы бақылауда.',
  },
  PARTLY_SATISFIED: {
    RU: 'Обращение удовлетворено частично: оставшиеся работы включены в план следующего квартала.',
    KK: 'Өтініш ішінара қанағаттандырылды: қалған жұмыстар келесі тоқсанның жоспарына енгізілді.',
  },
  EXPLAINED: {
    RU: 'Разъяснён порядок решения вопроса и перечень необходимых документов.',
    KK: 'Мәселені шешу тәртібі және қажетті құжаттар тізбесі түсіндірілді.',
  },
  REJECTED: {
    RU: 'В удовлетворении отказано: оснований для пересмотра решения нет; решение может быть обжаловано в суде.',
    KK: 'Өтінішті қанағаттандырудан бас тартылды: шешімді қайта қарауға негіз жоқ; оған сотқа шағымдануға болады.',
  },
};

const goodScores = { completeness: 5, lawfulness: 5, measuresTaken: 4, timeliness: 5, clarity: 4 };
const weakScores = { completeness: 2, lawfulness: 4, measuresTaken: 2, timeliness: 4, clarity: 3 };

/** mulberry32: a small seeded generator, so every machine gets the same demo. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  chance: (p: number) => boolean;
};

function randomOf(seed: number): Random {
  const next = generator(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)]!,
    weighted: (items) => {
      let roll = next() * items.reduce((sum, [, w]) => sum + w, 0);
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    chance: (p) => next() < p,
  };
}

/** Scenarios by the appeal's age: old ones are mostly answered, young ones mostly in work. */
function scenarioWeights(ageDays: number): [Scenario, number][] {
  if (ageDays > 45) {
    return [
      ['answered', 58],
      ['answeredLate', 6],
      ['reworkAnswered', 6],
      ['extendedAnswered', 5],
      ['forwarded', 8],
      ['inProgress', 5],
      ['assigned', 2],
      ['left', 2],
      ['withdrawn', 2],
    ];
  }
  if (ageDays > 21)
    return [
      ['answered', 50],
      ['reworkAnswered', 5],
      ['extendedAnswered', 4],
      ['extendedOpen', 8],
      ['forwarded', 8],
      ['inProgress', 8],
      ['returned', 5],
      ['answerSubmitted', 3],
    ];
  return [
    ['registered', 10],
    ['assigned', 12],
    ['inProgress', 20],
    ['answerSubmitted', 10],
    ['underReview', 8],
    ['returned', 7],
    ['answered', 25],
    ['forwarded', 5],
  ];
}

/** An IIN with a valid check digit: birth date, century and sex digit, a serial. */
function iinOf(random: Random, female: boolean): string {
  for (;;) {
    const year = random.int(1950, 2004);
    const digit = year >= 2000 ? (female ? 6 : 5) : female ? 4 : 3;
    const base = `${String(year % 100).padStart(2, '0')}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}${digit}${String(random.int(0, 9999)).padStart(4, '0')}`;
    const iin = withCheckDigit(base);
    if (iin && iin !== demoCitizen.iin) return iin;
  }
}

function binOf(random: Random): string {
  for (;;) {
    const bin = withCheckDigit(
      `${String(random.int(5, 22)).padStart(2, '0')}${String(random.int(1, 12)).padStart(2, '0')}4${String(random.int(0, 999_999)).padStart(6, '0')}`,
    );
    if (bin) return bin;
  }
}

const phoneOf = (random: Random): string => `+7701${String(random.int(0, 9_999_999)).padStart(7, '0')}`;

function applicantOf(random: Random, district: District, street: string, house: number): ApplicantData {
  const type = random.weighted([
    ['INDIVIDUAL', 80],
    ['COLLECTIVE', 8],
    ['LEGAL_ENTITY', 5],
    ['ANONYMOUS', 7],
  ] as const);
  if (type === 'ANONYMOUS') return { type };
  const female = random.chance(0.5);
  const surname = random.pick(surnames);
  const name = `${female ? `${surname}а` : surname} ${random.pick(female ? femaleNames : maleNames)}`;
  const address = `${district.ru}, ул. ${street}, ${house}`;
  if (type === 'LEGAL_ENTITY') {
    const entity = random.pick(legalEntities);
    // Organizations write from their office address; their e-mail is on the letterhead.
    return {
      type,
      name: entity,
      bin: binOf(random),
      representativeName: name,
      phone: phoneOf(random),
      email: `office${random.int(10, 99)}@example.kz`,
      address,
    };
  }
  // No e-mail for private applicants: with `npm start` every address gets real notices through the dev mail sink.
  const person = { name, iin: random.chance(0.85) ? iinOf(random, female) : null, phone: random.chance(0.9) ? phoneOf(random) : null, address };
  return type === 'COLLECTIVE' ? { type, ...person, signatoriesCount: random.int(5, 140) } : { type, ...person };
}

/** One planned appeal: what it says, who filed it, and how far its life goes by now. */
type Plan = {
  registeredOn: CivilDate;
  minuteOfDay: number;
  kind: AppealKind;
  channel: AppealChannel;
  language: ApplicantLanguage;
  applicant: ApplicantData;
  summary: string;
  text: string;
  category: CategorySeed;
  district: District;
  geo: { lat: number; lon: number } | null;
  underAkimControl: boolean;
  scenario: Scenario;
  outcome: AppealOutcome;
  /** The account that files it electronically (the demo citizen), else a registrar registers it. */
  filedBy: string | null;
};

function planOf(random: Random, registeredOn: CivilDate, overrides: Partial<Plan>, ageDays: number): Plan {
  const category = overrides.category ?? random.weighted(categories.map((c) => [c, c.weight] as const));
  const district = overrides.district ?? random.weighted(districts.map((d) => [d, d.weight] as const));
  const language: ApplicantLanguage = overrides.language ?? (random.chance(0.35) ? 'KK' : 'RU');
  const [streetRu, streetKk] = random.pick(streets);
  const house = random.int(1, 120);
  const summary = overrides.summary ?? random.pick(language === 'KK' ? category.topic.kk : category.topic.ru);
  const place = language === 'KK' ? `Мекенжайы: ${district.kk}, ${streetKk} көшесі, ${house}-үй.` : `Адрес: ${district.ru}, ул. ${streetRu}, д. ${house}.`;
  const ask = language === 'KK' ? 'Шара қабылдап, нәтижесі туралы хабарлауыңызды сұраймын.' : 'Прошу принять меры и сообщить о результатах.';
  const kind =
    overrides.kind ??
    random.weighted([
      ['APPLICATION', 60],
      ['COMPLAINT', 20],
      ['PROPOSAL', 8],
      ['REQUEST', 8],
      ['REPORT', 4],
    ] as const);
  const channel =
    overrides.channel ??
    random.weighted([
      ['POST', 18],
      ['HAND_DELIVERY', 22],
      ['ELECTRONIC', 10],
      ['E_OTINISH', 30],
      ['PERSONAL_RECEPTION', 8],
      ['HOTLINE', 12],
    ] as const);
  const jitter = () => (random.next() - 0.5) * 0.04;
  const geo = random.chance(0.5) ? { lat: Number((district.lat + jitter()).toFixed(5)), lon: Number((district.lon + jitter()).toFixed(5)) } : null;
  const scenario = overrides.scenario ?? (category.forwardTo ? 'forwarded' : random.weighted(scenarioWeights(ageDays)));
  return {
    registeredOn,
    minuteOfDay: 9 * 60 + random.int(0, 180),
    kind,
    channel,
    language,
    applicant: overrides.applicant ?? applicantOf(random, district, streetRu, house),
    summary,
    text: overrides.text ?? `${summary}. ${place} ${ask}`,
    category,
    district,
    geo: overrides.geo === undefined ? geo : overrides.geo,
    underAkimControl: overrides.underAkimControl ?? (scenario === 'underReview' || random.chance(0.1)),
    scenario,
    outcome:
      overrides.outcome ??
      random.weighted([
        ['SATISFIED', 45],
        ['EXPLAINED', 35],
        ['PARTLY_SATISFIED', 12],
        ['REJECTED', 8],
      ] as const),
    filedBy: overrides.filedBy ?? null,
  };
}

/** The last working day on or before the date. */
function workingDayOnOrBefore(calendar: WorkingCalendar, date: CivilDate): CivilDate {
  let day = date;
  while (!calendar.isWorkingDay(day)) day = addCalendarDays(day, -1);
  return day;
}

const categoryByCode = (code: string): CategorySeed => categories.find((c) => c.code === code)!;
const districtByKey = (key: string): District => districts.find((d) => d.key === key)!;

/** The whole demo, deterministic: 150 plans ordered by registration (so numbers follow the dates). */
function demoPlans(today: CivilDate, calendar: WorkingCalendar): Plan[] {
  const random = randomOf(20_260_301);
  const on = (daysAgo: number) => workingDayOnOrBefore(calendar, addCalendarDays(today, -daysAgo));
  const plans: Plan[] = [];
  // The planted cluster: one district's hot water, eight letters in the last 25 days.
  const cluster = categoryByCode('01');
  const tekeli = districtByKey('tekeli');
  // Fixed stages, youngest first, so every calendar day shows the cluster in work and one returned for rework.
  const stages: Scenario[] = ['registered', 'assigned', 'inProgress', 'answerSubmitted', 'returned', 'answered', 'inProgress', 'answered'];
  for (let i = 0; i < demoCluster.size; i += 1) {
    const age = 2 + Math.round((i * 23) / (demoCluster.size - 1));
    const kk = i % 3 === 2;
    const house = 3 + i * 2;
    plans.push(
      planOf(
        random,
        on(age),
        {
          category: cluster,
          district: tekeli,
          language: kk ? 'KK' : 'RU',
          summary: kk ? 'Шығыс шағын ауданында ыстық су жоқ' : 'Нет горячей воды в мкр. Восточный',
          text: kk
            ? `Шығыс шағын ауданы, ${house}-үйде екі аптадан бері ыстық су жоқ. Шара қабылдауыңызды сұраймын.`
            : `В доме ${house} мкр. Восточный г. Текели вторую неделю нет горячей воды. Прошу принять меры.`,
          geo: { lat: 44.8412 + i * 0.0007, lon: 78.8341 + i * 0.0009 },
          scenario: stages[i] ?? 'inProgress',
        },
        age,
      ),
    );
  }
  // The demo citizen: an answered appeal, an extended application, one in work, and one filed from her account.
  const citizen: ApplicantData = {
    type: 'INDIVIDUAL',
    name: demoCitizen.name,
    iin: demoCitizen.iin,
    phone: demoCitizen.phone,
    email: demoCitizen.email,
    address: 'г. Талдыкорган, ул. Жансугурова, 48, кв. 12',
  };
  const taldykorgan = districtByKey('taldykorgan');
  plans.push(
    planOf(
      random,
      on(95),
      {
        category: categoryByCode('01'),
        district: taldykorgan,
        kind: 'APPLICATION',
        channel: 'HAND_DELIVERY',
        language: 'RU',
        applicant: citizen,
        scenario: 'answered',
        outcome: 'SATISFIED',
        underAkimControl: false,
        summary: 'Протекает крыша многоквартирного дома',
      },
      95,
    ),
    planOf(
      random,
      on(30),
      {
        category: categoryByCode('06'),
        district: taldykorgan,
        kind: 'APPLICATION',
        channel: 'E_OTINISH',
        language: 'RU',
        applicant: citizen,
        scenario: 'extendedOpen',
        underAkimControl: true,
        summary: 'Ямы на проезжей части',
      },
      30,
    ),
    planOf(
      random,
      on(8),
      {
        category: categoryByCode('03'),
        district: taldykorgan,
        kind: 'APPLICATION',
        channel: 'POST',
        language: 'KK',
        applicant: citizen,
        scenario: 'inProgress',
        summary: 'Балабақшада орын жоқ',
      },
      8,
    ),
    planOf(
      random,
      on(3),
      {
        category: categoryByCode('08'),
        district: taldykorgan,
        kind: 'PROPOSAL',
        channel: 'ELECTRONIC',
        language: 'RU',
        applicant: { ...citizen, address: null },
        scenario: 'assigned',
        filedBy: demoCitizen.subject,
        summary: 'Благоустройство детской площадки',
      },
      3,
    ),
  );
  // The rest: more recent than old (a power curve over ~300 days), every category and district.
  while (plans.length < demoAppealCount) {
    const age = 1 + Math.floor(299 * random.next() ** 1.4);
    plans.push(planOf(random, on(age), {}, age));
  }
  return plans.sort((a, b) => a.registeredOn.localeCompare(b.registeredOn) || a.minuteOfDay - b.minuteOfDay);
}

const instantOf = (day: CivilDate, minuteOfDay: number): Date => civilInstant(day, { hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 });

type Step = { k: number; minute: number; act: (deps: UseCaseDeps, appeal: Appeal) => Promise<Appeal> };

/**
 * The steps of a scenario, on working day `k` after registration (0 = the registration day) at a
 * time of day; null when the appeal is too young for it (a step would fall on today or later).
 */
function stepsOf(plan: Plan, scenario: Scenario, days: CivilDate[], available: number, dueK: number, staff: Staff, random: Random): Step[] | null {
  const versioned = (appeal: Appeal) => ({ appealId: appeal.id, expectedVersion: appeal.version });
  const lead = demoId(`organization:${plan.category.lead(plan.district)}`);
  const text = answers[plan.outcome][plan.language];
  const assign: Step = { k: 0, minute: 14 * 60, act: (d, a) => assignAppeal(d, { ...versioned(a), lead: { organizationId: lead } }) };
  const start: Step = { k: 1, minute: 10 * 60, act: (d, a) => startAppealWork({ ...d, principal: staff.executor(lead) }, versioned(a)) };
  const answer = (k: number, answerText = text): Step => ({
    k,
    minute: 900, // 15:00
    act: (d, a) => submitAppealAnswer({ ...d, principal: staff.executor(lead) }, { ...versioned(a), text: answerText, outcome: plan.outcome }),
  });
  const accept = (k: number): Step => ({
    k,
    minute: 11 * 60,
    act: (d, a) => reviewAppealAnswer({ ...d, principal: staff.controller }, { ...versioned(a), scores: goodScores, decision: 'ACCEPT' }),
  });
  const giveBack = (k: number): Step => ({
    k,
    minute: 11 * 60,
    act: (d, a) =>
      reviewAppealAnswer(
        { ...d, principal: staff.controller },
        { ...versioned(a), scores: weakScores, decision: 'RETURN', remarks: 'Не указаны сроки работ и нормы права, на которых основан ответ.' },
      ),
  });
  const sign = (k: number): Step => ({ k, minute: 16 * 60, act: (d, a) => signAppealAnswer({ ...d, principal: staff.head }, versioned(a)) });
  // An appeal under the akim's control passes a review before the signature; another is signed straight away.
  const close = (k: number): Step[] => (plan.underAkimControl ? [accept(k), sign(k)] : [sign(k)]);
  // Two weeks past the due date, well inside two months of the decision (АППК art. 76 part 3).
  const extend = (k: number): Step => {
    const newDueDate = addCalendarDays(days[dueK]!, 14);
    return {
      k,
      minute: 12 * 60,
      act: (d, a) =>
        extendAppeal({ ...d, principal: staff.head }, { ...versioned(a), newDueDate, reason: 'Требуется выезд на место и заключение сторонней организации' }),
    };
  };
  const onTime = (extra: number) => random.int(2, Math.max(2, Math.min(dueK - 1 - extra, available - extra)));
  let steps: Step[];
  switch (scenario) {
    case 'registered':
      steps = [];
      break;
    case 'assigned':
      steps = [assign];
      break;
    case 'inProgress':
      steps = [assign, start];
      break;
    case 'answerSubmitted':
      steps = [assign, start, answer(onTime(0))];
      break;
    case 'underReview': {
      const a = onTime(1);
      steps = [assign, start, answer(a), accept(a + 1)];
      break;
    }
    case 'returned': {
      const a = onTime(1);
      steps = [assign, start, answer(a), giveBack(a + 1)];
      break;
    }
    case 'answered': {
      const a = onTime(1);
      steps = [assign, start, answer(a), ...close(a + 1)];
      break;
    }
    case 'answeredLate': {
      const a = dueK + random.int(1, 6);
      steps = [assign, start, answer(a), ...close(a + 1)];
      break;
    }
    case 'reworkAnswered': {
      const a = onTime(4);
      const reworked =
        plan.language === 'KK' ? `${text} Жұмыстар мерзімі мен құқықтық негіздері көрсетілді.` : `${text} Указаны сроки работ и правовые основания.`;
      steps = [assign, start, answer(a), giveBack(a + 1), answer(a + 3, reworked), accept(a + 4), sign(a + 4)];
      break;
    }
    case 'extendedAnswered':
      // A complaint's term is not extended (АППК art. 99): it takes the next scenario.
      if (plan.kind === complaintKind) return null;
      steps = [assign, start, extend(dueK - random.int(1, 4)), answer(dueK + 3), ...close(dueK + 4)];
      break;
    case 'extendedOpen':
      if (plan.kind === complaintKind) return null;
      steps = [assign, start, extend(dueK - random.int(1, 4))];
      break;
    case 'forwarded': {
      const to = demoId(`organization:${plan.category.forwardTo ?? random.pick(['justice', 'prosecutor-reception', 'court-situation-center'])}`);
      steps = [
        assign,
        {
          k: 1,
          minute: 10 * 60,
          act: (d, a) => forwardAppeal(d, { ...versioned(a), toOrganizationId: to, reason: 'Вопрос не относится к компетенции акимата (АППК ст. 66)' }),
        },
      ];
      break;
    }
    case 'left':
      steps = [
        {
          k: 1,
          minute: 11 * 60,
          act: (d, a) =>
            leaveWithoutConsideration(d, { ...versioned(a), ground: 'Повторное обращение без новых доводов по вопросу, на который уже дан ответ' }),
        },
      ];
      break;
    case 'withdrawn':
      steps = [assign, start, { k: 3, minute: 12 * 60, act: (d, a) => withdrawAppeal(d, versioned(a)) }];
      break;
  }
  return steps.every((s) => s.k <= available) ? steps : null;
}

type Staff = { registrar: Principal; controller: Principal; head: Principal; executor: (organizationId: string) => Principal };

function seedStaff(): Staff {
  const department = demoId('organization:appeals-department');
  const as = (role: Role, name: string, organizationId: string | null = department): Principal => ({
    subject: demoSeedSubject,
    role,
    organizationId,
    name,
    position: 'главный специалист (демо-данные)',
  });
  return {
    registrar: as('registrar', 'Регистратор демо-данных'),
    controller: as('controller', 'Контролёр демо-данных'),
    head: as('department_head', 'Руководитель отдела (демо-данные)'),
    executor: (organizationId) => as('executor', 'Исполнитель демо-данных', organizationId),
  };
}

/**
 * About 150 demo appeals of the last ten months, written through the real use cases at past
 * instants (each use case reads the time from `deps.now`): states, terms, state history, the
 * problem-map rollup, outbox events and registration numbers are what the system itself makes.
 * Seeds only an empty registry (numbers then run 1..N in date order; a second run adds nothing),
 * in one transaction under an advisory lock, so replicas starting together seed once.
 * Returns how many appeals it wrote.
 */
export async function seedDemoAppeals(em: EntityManager, settings: DemoAppealsSettings): Promise<number> {
  const { calendar, workingDayEnd, registrationNumberFormat, now, sealingKeys } = settings;
  const today = civilDateInKazakhstan(now);
  const staff = seedStaff();
  const random = randomOf(7_2026);
  return em.transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('appeals:demo-seed'))`);
    const [existing] = await tx.execute<{ present: boolean }[]>('select exists (select 1 from appeal) as present');
    if (existing?.present) return 0;
    let written = 0;
    for (const plan of demoPlans(today, calendar)) {
      const registeredAt = instantOf(plan.registeredOn, plan.minuteOfDay);
      const terms = appealTerms(plan.kind, registeredAt, calendar, workingDayEnd);
      // Working days from registration, up to the last one before today.
      const days: CivilDate[] = [plan.registeredOn];
      while (days.length < 45) days.push(calendar.nextWorkingDay(days[days.length - 1]!));
      const available = days.filter((d) => d < today).length - 1;
      const dueK = days.filter((d) => d <= terms.dueDate).length - 1;
      let scenario: Scenario | null = plan.scenario;
      let steps: Step[] | null = null;
      while (scenario && !(steps = stepsOf(plan, scenario, days, available, dueK, staff, random))) scenario = fallback[scenario];
      const depsAt = (instant: Date, principal: Principal): UseCaseDeps => ({
        em: tx,
        principal,
        workingDayEnd,
        trace: {},
        now: () => instant,
        calendar,
        registrationNumberFormat,
        sealingKeys,
      });
      const input: RegisterAppealInput = {
        kind: plan.kind,
        channel: plan.channel,
        applicant: plan.applicant,
        summary: plan.summary,
        text: plan.text,
        categoryId: demoId(`category:${plan.category.code}`),
        districtId: demoId(`district:${plan.district.key}`),
        geo: plan.geo,
        underAkimControl: plan.underAkimControl,
        language: plan.language,
        // A registrar enters an electronic appeal with its signature block (the citizen's own filing needs none).
        electronicSignature:
          plan.channel === 'ELECTRONIC' && !plan.filedBy
            ? {
                signer: plan.applicant.name ?? 'Заявитель',
                certificateSerial: `demo-${written + 1}`,
                validFrom: new Date(registeredAt.getTime() - 200 * 86_400_000),
                validTo: new Date(registeredAt.getTime() + 165 * 86_400_000),
              }
            : null,
      };
      let appeal = plan.filedBy
        ? await fileAppeal(depsAt(registeredAt, { subject: plan.filedBy, role: 'citizen', organizationId: null, iin: demoCitizen.iin }), {
            kind: input.kind,
            applicant: input.applicant,
            summary: input.summary,
            text: input.text,
            categoryId: input.categoryId,
            districtId: input.districtId,
            geo: input.geo,
            language: input.language,
          })
        : await registerAppeal(depsAt(registeredAt, staff.registrar), input);
      for (const step of steps ?? []) appeal = await step.act(depsAt(instantOf(days[step.k]!, step.minute), staff.registrar), appeal);
      written += 1;
      // Each appeal's entities are flushed by its use cases: a clean identity map keeps later flushes small.
      tx.clear();
    }
    return written;
  });
}
