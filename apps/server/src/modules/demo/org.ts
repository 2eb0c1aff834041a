/**
 * The demo university's structure: its faculties, departments and service units, and the
 * groups its learners are in (an intake cohort of the distance institute with its academic
 * groups and a subgroup, and a full-time veterinary group).
 */
import type { OrgUnitKind } from '#core/wire/org.ts';
import type { Tx } from '../../db/client.ts';
import { groups, orgUnits } from '../../db/schema/index.ts';
import { type AcademicGroupSpec, yy } from './academics.ts';

export const DEMO_MARKER = 'KATU';

type Names = [kk: string, ru: string, en: string];
type UnitSpec = { code: string; kind: OrgUnitKind; names: Names; parent?: string };

const faculty = (
  code: string,
  names: Names,
  deansOffice: Names,
  departments: [string, Names][],
): UnitSpec[] => [
  { code, kind: 'faculty', names, parent: DEMO_MARKER },
  { code: `${code}-DO`, kind: 'deans_office', names: deansOffice, parent: code },
  ...departments.map(([c, n]) => ({ code: c, kind: 'department' as const, names: n, parent: code })),
];

export const units: UnitSpec[] = [
  {
    code: DEMO_MARKER,
    kind: 'university',
    names: [
      'С.Сейфуллин атындағы Қазақ агротехникалық зерттеу университеті',
      'Казахский агротехнический исследовательский университет имени С.Сейфуллина',
      'S. Seifullin Kazakh Agrotechnical Research University',
    ],
  },
  ...faculty(
    'KATU-AGR',
    ['Агрономия факультеті', 'Агрономический факультет', 'Faculty of Agronomy'],
    ['Агрономия факультетінің деканаты', 'Деканат агрономического факультета', "Dean's office of Agronomy"],
    [
      [
        'KATU-AGR-PG',
        [
          'Егіншілік және өсімдік шаруашылығы кафедрасы',
          'Кафедра земледелия и растениеводства',
          'Department of Agriculture and Plant Growing',
        ],
      ],
      [
        'KATU-AGR-SA',
        [
          'Топырақтану және агрохимия кафедрасы',
          'Кафедра почвоведения и агрохимии',
          'Department of Soil Science and Agrochemistry',
        ],
      ],
    ],
  ),
  ...faculty(
    'KATU-VET',
    [
      'Ветеринария және мал шаруашылығы технологиясы факультеті',
      'Факультет ветеринарии и технологии животноводства',
      'Faculty of Veterinary Medicine and Animal Husbandry Technology',
    ],
    [
      'Ветеринария факультетінің деканаты',
      'Деканат факультета ветеринарии',
      "Dean's office of Veterinary Medicine",
    ],
    [
      [
        'KATU-VET-VM',
        [
          'Ветеринариялық медицина кафедрасы',
          'Кафедра ветеринарной медицины',
          'Department of Veterinary Medicine',
        ],
      ],
      [
        'KATU-VET-LP',
        [
          'Мал шаруашылығы өнімдерін өндіру технологиясы кафедрасы',
          'Кафедра технологии производства продуктов животноводства',
          'Department of Livestock Products Technology',
        ],
      ],
    ],
  ),
  ...faculty(
    'KATU-CSE',
    [
      'Компьютерлік жүйелер және кәсіптік білім беру факультеті',
      'Факультет компьютерных систем и профессионального образования',
      'Faculty of Computer Systems and Vocational Education',
    ],
    [
      'Компьютерлік жүйелер факультетінің деканаты',
      'Деканат факультета компьютерных систем',
      "Dean's office of Computer Systems",
    ],
    [
      [
        'KATU-CSE-IS',
        [
          'Ақпараттық жүйелер кафедрасы',
          'Кафедра информационных систем',
          'Department of Information Systems',
        ],
      ],
      [
        'KATU-CSE-VE',
        [
          'Кәсіптік білім беру кафедрасы',
          'Кафедра профессионального обучения',
          'Department of Vocational Education',
        ],
      ],
    ],
  ),
  ...faculty(
    'KATU-LMA',
    [
      'Жерге орналастыру және сәулет факультеті',
      'Факультет землеустройства и архитектуры',
      'Faculty of Land Management and Architecture',
    ],
    [
      'Жерге орналастыру факультетінің деканаты',
      'Деканат факультета землеустройства',
      "Dean's office of Land Management",
    ],
    [
      [
        'KATU-LMA-LC',
        [
          'Жерге орналастыру және кадастр кафедрасы',
          'Кафедра землеустройства и кадастра',
          'Department of Land Management and Cadastre',
        ],
      ],
      [
        'KATU-LMA-AD',
        [
          'Сәулет және дизайн кафедрасы',
          'Кафедра архитектуры и дизайна',
          'Department of Architecture and Design',
        ],
      ],
    ],
  ),
  {
    code: 'KATU-DLI',
    kind: 'dl_institute',
    parent: DEMO_MARKER,
    names: [
      'Біліктілікті арттыру және қашықтықтан оқыту институты',
      'Институт повышения квалификации и дистанционного обучения',
      'Institute of Advanced Training and Distance Learning',
    ],
  },
  {
    code: 'KATU-ITD',
    kind: 'it_department',
    parent: DEMO_MARKER,
    names: [
      'Ақпараттық технологиялар департаменті',
      'Департамент информационных технологий',
      'IT Department',
    ],
  },
  {
    code: 'KATU-AAD',
    kind: 'academic_affairs',
    parent: DEMO_MARKER,
    names: [
      'Академиялық мәселелер департаменті',
      'Департамент по академическим вопросам',
      'Department of Academic Affairs',
    ],
  },
  {
    code: 'KATU-REG',
    kind: 'registrar',
    parent: DEMO_MARKER,
    names: ['Тіркеуші офисі', 'Офис-регистратор', 'Office Registrar'],
  },
  {
    code: 'KATU-REG-AA',
    kind: 'assessment_unit',
    parent: 'KATU-REG',
    names: [
      'Білімді бағалау және аттестаттау бөлімі',
      'Отдел оценки знаний и аттестации',
      'Assessment and Attestation Unit',
    ],
  },
  {
    code: 'KATU-QS',
    kind: 'quality_service',
    parent: DEMO_MARKER,
    names: ['Сапа қызметі', 'Служба качества', 'Quality Service'],
  },
];

export type GroupSpec = {
  key: string;
  code: string;
  kind: 'cohort' | 'academic_group' | 'subgroup';
  name: string;
  parent?: string;
  unit?: string;
};

/**
 * The demo's groups, named for the academic year the demo is created in (start year y):
 * the distance agronomy programme's first-year group (with a subgroup) and second-year
 * group under their intake cohort, and a third-year full-time veterinary group.
 */
export function groupSpecsFor(y: number): GroupSpec[] {
  const [agr1, agr2, vet] = [`АГР-${yy(y)}-1`, `АГР-${yy(y - 1)}-2`, `ВЕТ-${yy(y - 2)}-1`];
  return [
    {
      key: 'cohort',
      code: `KATU-DL-${y - 1}`,
      kind: 'cohort',
      name: `ҚБТ қабылдауы ${y - 1}–${y}`,
      unit: 'KATU-DLI',
    },
    {
      key: 'agr1',
      code: agr1,
      kind: 'academic_group',
      name: `Агрономия (ҚБТ), ${y}, 1-топ`,
      parent: 'cohort',
      unit: 'KATU-AGR',
    },
    {
      key: 'agr1/1',
      code: `${agr1}/1`,
      kind: 'subgroup',
      name: `${agr1}, 1-кіші топ`,
      parent: 'agr1',
      unit: 'KATU-AGR',
    },
    {
      key: 'agr2',
      code: agr2,
      kind: 'academic_group',
      name: `Агрономия (ҚБТ), ${y - 1}, 2-топ`,
      parent: 'cohort',
      unit: 'KATU-AGR',
    },
    {
      key: 'vet',
      code: vet,
      kind: 'academic_group',
      name: `Ветеринарлық медицина, ${y - 2}, 1-топ`,
      unit: 'KATU-VET',
    },
  ];
}

export const academicGroupsFor = (y: number): AcademicGroupSpec[] => [
  { key: 'agr1', programme: 'agronomy', intakeYear: y, yearOfStudy: 1 },
  { key: 'agr2', programme: 'agronomy', intakeYear: y - 1, yearOfStudy: 2 },
  { key: 'vet', programme: 'veterinary', intakeYear: y - 2, yearOfStudy: 3 },
];

/** The org units in the order of the list (parents first): unit code → id. */
export async function seedOrgUnits(tx: Tx): Promise<Map<string, string>> {
  const unitId = new Map<string, string>();
  for (const u of units) {
    const [row] = await tx
      .insert(orgUnits)
      .values({
        code: u.code,
        kind: u.kind,
        nameKk: u.names[0],
        nameRu: u.names[1],
        nameEn: u.names[2],
        parentId: u.parent ? unitId.get(u.parent)! : null,
      })
      .returning({ id: orgUnits.id });
    unitId.set(u.code, row!.id);
  }
  return unitId;
}

/** The groups of the list (parents first): group key → id. */
export async function seedGroups(
  tx: Tx,
  groupSpecs: GroupSpec[],
  unitId: Map<string, string>,
): Promise<Map<string, string>> {
  const groupId = new Map<string, string>();
  for (const g of groupSpecs) {
    const [row] = await tx
      .insert(groups)
      .values({
        code: g.code,
        kind: g.kind,
        name: g.name,
        parentId: g.parent ? groupId.get(g.parent)! : null,
        orgUnitId: g.unit ? unitId.get(g.unit)! : null,
      })
      .returning({ id: groups.id });
    groupId.set(g.key, row!.id);
  }
  return groupId;
}
