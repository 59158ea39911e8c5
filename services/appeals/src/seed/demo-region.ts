import { demoId } from '@bakylau/platform/demo-ids';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DistrictKind, OrganizationKind } from '../domain/directory.ts';
import { Category, District, Organization } from '../db/entities.ts';
import { systemActor } from '../events/appeals-events.ts';
import { saveOrganization } from '../use-cases/directory.ts';

const districts: [key: string, name: string, nameKk: string, kind: DistrictKind][] = [
  ['taldykorgan', 'город Талдыкорган', 'Талдықорған қаласы', 'CITY'],
  ['tekeli', 'город Текели', 'Текелі қаласы', 'CITY'],
  ['eskeldi', 'Ескельдинский район', 'Ескелді ауданы', 'DISTRICT'],
  ['karatal', 'Каратальский район', 'Қаратал ауданы', 'DISTRICT'],
  ['koksu', 'Коксуский район', 'Көксу ауданы', 'DISTRICT'],
  ['sarkand', 'Саркандский район', 'Сарқан ауданы', 'DISTRICT'],
];

const categories: [code: string, name: string, nameKk: string][] = [
  ['01', 'Жилищно-коммунальное хозяйство', 'Тұрғын үй-коммуналдық шаруашылық'],
  ['02', 'Здравоохранение', 'Денсаулық сақтау'],
  ['03', 'Образование', 'Білім беру'],
  ['04', 'Социальная защита', 'Әлеуметтік қорғау'],
  ['05', 'Земельные отношения', 'Жер қатынастары'],
  ['06', 'Дороги и транспорт', 'Жолдар және көлік'],
  ['07', 'Занятость', 'Жұмыспен қамту'],
  ['08', 'Благоустройство и экология', 'Абаттандыру және экология'],
  ['09', 'Правопорядок', 'Құқықтық тәртіп'],
  ['10', 'Противодействие коррупции', 'Сыбайлас жемқорлыққа қарсы іс-қимыл'],
];

type SeedOrganization = {
  key: string;
  name: string;
  nameKk: string;
  kind: OrganizationKind;
  parent?: string;
  district?: string;
  phone?: string;
  address?: string;
};

const organizations: SeedOrganization[] = [
  {
    key: 'akimat',
    name: 'Аппарат акима области Жетісу',
    nameKk: 'Жетісу облысы әкімінің аппараты',
    kind: 'REGIONAL_AKIMAT',
    district: 'taldykorgan',
    address: 'г. Талдыкорган',
  },
  {
    key: 'appeals-department',
    name: 'Отдел по контролю за рассмотрением обращений',
    nameKk: 'Өтініштерді қараудың бақылау бөлімі',
    kind: 'AKIMAT_UNIT',
    parent: 'akimat',
  },
  {
    key: 'health',
    name: 'Управление здравоохранения области Жетісу',
    nameKk: 'Жетісу облысының денсаулық сақтау басқармасы',
    kind: 'AKIMAT_UNIT',
    parent: 'akimat',
  },
  { key: 'education', name: 'Управление образования области Жетісу', nameKk: 'Жетісу облысының білім басқармасы', kind: 'AKIMAT_UNIT', parent: 'akimat' },
  {
    key: 'housing',
    name: 'Управление энергетики и жилищно-коммунального хозяйства области Жетісу',
    nameKk: 'Жетісу облысының энергетика және тұрғын үй-коммуналдық шаруашылық басқармасы',
    kind: 'AKIMAT_UNIT',
    parent: 'akimat',
  },
  {
    key: 'roads',
    name: 'Управление пассажирского транспорта и автомобильных дорог области Жетісу',
    nameKk: 'Жетісу облысының жолаушылар көлігі және автомобиль жолдары басқармасы',
    kind: 'AKIMAT_UNIT',
    parent: 'akimat',
  },
  {
    key: 'social',
    name: 'Управление координации занятости и социальных программ области Жетісу',
    nameKk: 'Жетісу облысының жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы',
    kind: 'AKIMAT_UNIT',
    parent: 'akimat',
  },
  {
    key: 'akimat-taldykorgan',
    name: 'Акимат города Талдыкорган',
    nameKk: 'Талдықорған қаласының әкімдігі',
    kind: 'CITY_AKIMAT',
    parent: 'akimat',
    district: 'taldykorgan',
  },
  { key: 'akimat-tekeli', name: 'Акимат города Текели', nameKk: 'Текелі қаласының әкімдігі', kind: 'CITY_AKIMAT', parent: 'akimat', district: 'tekeli' },
  {
    key: 'akimat-eskeldi',
    name: 'Акимат Ескельдинского района',
    nameKk: 'Ескелді ауданының әкімдігі',
    kind: 'DISTRICT_AKIMAT',
    parent: 'akimat',
    district: 'eskeldi',
  },
  {
    key: 'akimat-karatal',
    name: 'Акимат Каратальского района',
    nameKk: 'Қаратал ауданының әкімдігі',
    kind: 'DISTRICT_AKIMAT',
    parent: 'akimat',
    district: 'karatal',
  },
  {
    key: 'rural-karabulak',
    name: 'Аппарат акима поселка Карабулак',
    nameKk: 'Қарабұлақ кенті әкімінің аппараты',
    kind: 'RURAL_AKIMAT',
    parent: 'akimat-eskeldi',
    district: 'eskeldi',
  },
  {
    key: 'rural-ushtobe',
    name: 'Аппарат акима города Уштобе',
    nameKk: 'Үштөбе қаласы әкімінің аппараты',
    kind: 'RURAL_AKIMAT',
    parent: 'akimat-karatal',
    district: 'karatal',
  },
  { key: 'police', name: 'Департамент полиции области Жетісу', nameKk: 'Жетісу облысының полиция департаменті', kind: 'STATE_BODY' },
  { key: 'justice', name: 'Департамент юстиции области Жетісу', nameKk: 'Жетісу облысының әділет департаменті', kind: 'STATE_BODY' },
  {
    key: 'prosecutor-reception',
    name: 'Служба по защите прав граждан при прокуратуре области Жетісу (общественная приёмная)',
    nameKk: 'Жетісу облысы прокуратурасының азаматтардың құқықтарын қорғау қызметі',
    kind: 'PARTNER_AGENCY',
  },
  {
    key: 'court-situation-center',
    name: 'Ситуационный центр Верховного суда (приёмная по области Жетісу)',
    nameKk: 'Жоғарғы Соттың ситуациялық орталығы',
    kind: 'PARTNER_AGENCY',
  },
  {
    key: 'adaldyq-alany',
    name: 'Фронт-офис «Adaldyq alany» Агентства по противодействию коррупции по области Жетісу',
    nameKk: '«Adaldyq alany» фронт-офисі',
    kind: 'PARTNER_AGENCY',
  },
];

/**
 * Demo directory of Zhetysu region (centre Taldykorgan): districts, categories in Russian and
 * Kazakh, akimat units, district and rural akimats, state bodies and partner agencies (R8.5).
 * Idempotent: existing rows are left alone; each organization created publishes
 * `organization.upserted` so other services build their read copies.
 */
export async function seedDemoRegion(em: EntityManager): Promise<void> {
  for (const [key, name, nameKk, kind] of districts) {
    const id = demoId(`district:${key}`);
    if (!(await em.findOne(District, { id }))) em.create(District, { id, name, nameKk, kind });
  }
  for (const [code, name, nameKk] of categories) {
    const id = demoId(`category:${code}`);
    if (!(await em.findOne(Category, { id })) && !(await em.findOne(Category, { code }))) {
      em.create(Category, { id, code, name, nameKk, parentId: null, active: true });
    }
  }
  await em.flush();
  const now = new Date();
  // Parents come before children in the list; flushing one by one keeps the foreign keys satisfied.
  for (const org of organizations) {
    const id = demoId(`organization:${org.key}`);
    if (await em.findOne(Organization, { id })) continue;
    saveOrganization(
      em,
      null,
      {
        id,
        name: org.name,
        nameKk: org.nameKk,
        kind: org.kind,
        parentId: org.parent ? demoId(`organization:${org.parent}`) : null,
        districtId: org.district ? demoId(`district:${org.district}`) : null,
        phone: org.phone ?? null,
        address: org.address ?? null,
      },
      systemActor,
      now,
    );
    await em.flush();
  }
}
