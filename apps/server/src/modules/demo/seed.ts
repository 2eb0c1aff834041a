/**
 * The demo university: S. Seifullin Kazakh Agrotechnical Research University with its
 * faculties, departments, service units, a member of staff in every role of the
 * catalogue and learners in a few groups. Passwords are generated per install and
 * printed once; nothing secret lives in this file.
 */
import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { iinCheckDigit } from '#core/iin.ts';
import type { OrgUnitKind } from '#core/wire/org.ts';
import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { groupMembers, groups, orgUnits, roleAssignments, roles, users } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { createFileStore } from '../../platform/files.ts';
import type { ScopeType } from '../../platform/policy.ts';
import { almatyToday } from '../academics/scopes.ts';
import { seedDemoAssignments } from '../assignments/demo.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { seedDemoTextbook } from '../content/demo.ts';
import { roleCatalogue } from '../roles/catalogue.ts';
import { type AcademicGroupSpec, demoStartYear, seedAcademics, yy } from './academics.ts';
import { seedRecords } from './records.ts';
import { seedStatements } from './statements.ts';

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

const units: UnitSpec[] = [
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

type Scope = { type: ScopeType; unit?: string; group?: string };
type Person = { login: string; surname: string; givenName: string; patronymic: string | null };

/** One member of staff per role of the catalogue, with a sensible scope. */
const staff: Record<string, Person & { scope: Scope }> = {
  system_admin: {
    login: 'demo.admin',
    surname: 'Сейітқали',
    givenName: 'Бауыржан',
    patronymic: 'Ерланұлы',
    scope: { type: 'system' },
  },
  it_support: {
    login: 'demo.it',
    surname: 'Жұмабаев',
    givenName: 'Дәурен',
    patronymic: 'Маратұлы',
    scope: { type: 'system' },
  },
  dl_institute_director: {
    login: 'demo.dli.director',
    surname: 'Әлімжанова',
    givenName: 'Гүлнар',
    patronymic: 'Сәкенқызы',
    scope: { type: 'system' },
  },
  dl_institute_staff: {
    login: 'demo.dli',
    surname: 'Тоқтарова',
    givenName: 'Айгерім',
    patronymic: 'Болатқызы',
    scope: { type: 'system' },
  },
  academic_affairs_director: {
    login: 'demo.academic',
    surname: 'Нұрғалиев',
    givenName: 'Ерлан',
    patronymic: 'Қайратұлы',
    scope: { type: 'system' },
  },
  registrar: {
    login: 'demo.registrar',
    surname: 'Омарова',
    givenName: 'Сәуле',
    patronymic: 'Асқарқызы',
    scope: { type: 'system' },
  },
  assessment_head: {
    login: 'demo.assessment',
    surname: 'Бекмағамбетов',
    givenName: 'Нұрлан',
    patronymic: 'Серікұлы',
    scope: { type: 'system' },
  },
  dean: {
    login: 'demo.dean',
    surname: 'Ысқақов',
    givenName: 'Мұрат',
    patronymic: 'Төлеуұлы',
    scope: { type: 'org_unit', unit: 'KATU-AGR' },
  },
  deans_office_staff: {
    login: 'demo.deansoffice',
    surname: 'Қасымова',
    givenName: 'Әсел',
    patronymic: 'Нұрланқызы',
    scope: { type: 'org_unit', unit: 'KATU-AGR' },
  },
  department_head: {
    login: 'demo.head',
    surname: 'Уәлиханов',
    givenName: 'Асхат',
    patronymic: 'Бақытұлы',
    scope: { type: 'org_unit', unit: 'KATU-CSE-IS' },
  },
  teacher: {
    login: 'demo.teacher',
    surname: 'Абаева',
    givenName: 'Жанар',
    patronymic: 'Өмірқызы',
    scope: { type: 'org_unit', unit: 'KATU-CSE-IS' },
  },
  tutor: {
    login: 'demo.tutor',
    surname: 'Ғабитов',
    givenName: 'Ұлан',
    patronymic: 'Еркінұлы',
    scope: { type: 'group', group: 'agr1' },
  },
  advisor: {
    login: 'demo.advisor',
    surname: 'Есенова',
    givenName: 'Айнұр',
    patronymic: 'Тимурқызы',
    scope: { type: 'group', group: 'vet' },
  },
  methodologist: {
    login: 'demo.methodologist',
    surname: 'Һашимова',
    givenName: 'Ләззат',
    patronymic: 'Рүстемқызы',
    scope: { type: 'org_unit', unit: 'KATU-DLI' },
  },
  reviewer: {
    login: 'demo.reviewer',
    surname: 'Иманбаев',
    givenName: 'Талғат',
    patronymic: 'Жұмағалиұлы',
    scope: { type: 'org_unit', unit: 'KATU-VET' },
  },
  examiner: {
    login: 'demo.examiner',
    surname: 'Сұлтанов',
    givenName: 'Әділет',
    patronymic: 'Қанатұлы',
    scope: { type: 'org_unit', unit: 'KATU-AGR' },
  },
  coursework_supervisor: {
    login: 'demo.supervisor',
    surname: 'Мұқанова',
    givenName: 'Динара',
    patronymic: 'Ғалымқызы',
    scope: { type: 'org_unit', unit: 'KATU-CSE-IS' },
  },
  quality_service_staff: {
    login: 'demo.quality',
    surname: 'Өтебаев',
    givenName: 'Серік',
    patronymic: 'Әбенұлы',
    scope: { type: 'org_unit', unit: 'KATU-QS' },
  },
};

type GroupSpec = {
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
function groupSpecsFor(y: number): GroupSpec[] {
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

const academicGroupsFor = (y: number): AcademicGroupSpec[] => [
  { key: 'agr1', programme: 'agronomy', intakeYear: y, yearOfStudy: 1 },
  { key: 'agr2', programme: 'agronomy', intakeYear: y - 1, yearOfStudy: 2 },
  { key: 'vet', programme: 'veterinary', intakeYear: y - 2, yearOfStudy: 3 },
];

const learners: Record<string, Array<[surname: string, givenName: string, patronymic: string | null]>> = {
  vet: [
    ['Абаев', 'Данияр', 'Серікұлы'],
    ['Әбілова', 'Аружан', 'Нұрланқызы'],
    ['Беков', 'Ілияс', 'Маратұлы'],
    ['Иванова', 'Мария', 'Сергеевна'],
    ['Қайратов', 'Ернұр', 'Қайратұлы'],
    ['Оспанова', 'Өмірзая', null],
    ['Ұзақбаев', 'Бекзат', 'Асқарұлы'],
  ],
  agr2: [
    ['Ахметов', 'Нұрсұлтан', 'Болатұлы'],
    ['Ғалымжанова', 'Дана', 'Ерланқызы'],
    ['Жұмабекова', 'Айым', 'Әділқызы'],
    ['Кузнецов', 'Дмитрий', 'Александрович'],
    ['Сәрсенбаев', 'Әлихан', 'Талғатұлы'],
    ['Тұрсынова', 'Балнұр', 'Маратқызы'],
    ['Үсенов', 'Арман', 'Бауыржанұлы'],
    ['Ысқақова', 'Інжу', 'Ержанқызы'],
  ],
  agr1: [
    ['Алиев', 'Тимур', 'Русланович'],
    ['Әмірова', 'Жансая', 'Дәуренқызы'],
    ['Бақытжанов', 'Ерасыл', 'Бақытжанұлы'],
    ['Ким', 'Анастасия', 'Викторовна'],
    ['Нұрланова', 'Меруерт', 'Нұрланқызы'],
    ['Петров', 'Артём', 'Игоревич'],
    ['Сейітов', 'Ақжол', 'Бекұлы'],
    ['Шәріпова', 'Томирис', 'Ғалымқызы'],
    ['Ілиясов', 'Нұрбол', 'Ілиясұлы'],
  ],
};
/** Learners of the first-year group who also form its subgroup. */
const SUBGROUP_SIZE = 4;

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** 16 random characters from a crypto source: about 93 bits. */
export function demoPassword(): string {
  for (;;) {
    let p = '';
    for (let i = 0; i < 16; i++) p += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    if (!passwordProblem(p)) return p;
  }
}

function demoIin(year: number, index: number): string {
  for (let serial = index * 37; ; serial++) {
    const yy = String(year % 100).padStart(2, '0');
    const mm = String(1 + (index % 12)).padStart(2, '0');
    const dd = String(1 + ((index * 7) % 28)).padStart(2, '0');
    const century = year >= 2000 ? 5 + (index % 2) : 3 + (index % 2);
    const p = `${yy}${mm}${dd}${century}${String(serial % 10000).padStart(4, '0')}`;
    const c = iinCheckDigit(p);
    if (c !== null) return p + c;
  }
}

export type DemoAccount = { role: string; login: string; password: string; group?: string };

async function createAccount(
  tx: Tx,
  person: Person,
  extra: Partial<typeof users.$inferInsert>,
  password: string,
) {
  const [row] = await tx
    .insert(users)
    .values({
      login: person.login,
      surname: person.surname,
      givenName: person.givenName,
      patronymic: person.patronymic,
      email: `${person.login}@demo.kazatu.edu.kz`,
      passwordHash: await hashPassword(password),
      passwordChangeExempt: true,
      ...extra,
    })
    .returning({ id: users.id });
  return row!.id;
}

function printTable(accounts: DemoAccount[]) {
  const rows = accounts.map((a) => [a.role, a.group ?? '', a.login, a.password]);
  const head = ['role', 'group', 'login', 'password'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ')} |`;
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const out = [
    '',
    'Demo university created. These passwords are shown only now — keep them:',
    rule,
    line(head),
    rule,
    ...rows.map(line),
    rule,
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The e-textbook (PDF with a table of contents) of the demo's Crop Production complex. */
async function demoTextbook(tx: Tx, storage: Pick<Config, 'dataDir' | 's3'>, staffId: Map<string, string>) {
  const authorId = staffId.get('teacher');
  const reviewerId = staffId.get('reviewer');
  if (!authorId || !reviewerId) return { materials: 0 };
  return seedDemoTextbook(tx, createFileStore(storage, tx), {
    disciplineCode: 'AGRO-2207',
    authorId,
    reviewerId,
  });
}

export async function demoExists(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(eq(sql`lower(${orgUnits.code})`, DEMO_MARKER.toLowerCase()));
  return Boolean(row);
}

/**
 * Seeds the demo university in one transaction. Does nothing when it is already there
 * (the marker is the org unit with code KATU): its passwords were printed at the first run.
 */
export async function seedDemo(
  db: Db,
  opts: {
    print?: boolean;
    onlyIfEmpty?: boolean;
    today?: string;
    /** Where uploaded files live (DATA_DIR or S3): the demo e-textbook's PDFs go there. */
    storage?: Pick<Config, 'dataDir' | 's3'>;
  } = {},
): Promise<DemoAccount[] | null> {
  if (await demoExists(db)) {
    if (!opts.onlyIfEmpty && opts.print)
      process.stdout.write('The demo university is already there; nothing to do.\n');
    return null;
  }
  const today = opts.today ?? almatyToday();
  const startYear = demoStartYear(today);
  const groupSpecs = groupSpecsFor(startYear);
  const accounts = await db.transaction(async (tx) => {
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
    const groupId = new Map<string, string>();
    const groupCode = new Map(groupSpecs.map((g) => [g.key, g.code]));
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
    const roleId = new Map(
      (await tx.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]),
    );
    const accounts: DemoAccount[] = [];
    const staffId = new Map<string, string>();
    for (const role of roleCatalogue) {
      if (role.code === 'learner') continue; // learners come below, in their groups
      // A role added to the catalogue later still gets a demo account.
      const person = staff[role.code] ?? {
        login: `demo.${role.code.replace(/_/g, '-')}`,
        surname: 'Демо',
        givenName: role.name.kk,
        patronymic: null,
        scope: role.scopeTypes.includes('system')
          ? { type: 'system' as const }
          : { type: 'org_unit' as const, unit: DEMO_MARKER },
      };
      const password = demoPassword();
      const id = await createAccount(tx, person, {}, password);
      const s = person.scope;
      const scopeId = s.type === 'system' ? null : s.unit ? unitId.get(s.unit)! : groupId.get(s.group!)!;
      await tx
        .insert(roleAssignments)
        .values({ userId: id, roleId: roleId.get(role.code)!, scopeType: s.type, scopeId });
      accounts.push({ role: role.code, login: person.login, password });
      staffId.set(role.code, id);
    }
    let n = 0;
    const learnerIds = new Map<string, string[]>();
    for (const [key, people] of Object.entries(learners)) {
      const gid = groupId.get(key)!;
      const code = groupCode.get(key)!;
      const year = 2000 + Number(code.split('-')[1]) - 18;
      learnerIds.set(key, []);
      for (const [i, [surname, givenName, patronymic]] of people.entries()) {
        n++;
        const login = `demo.${code.replace(/[^0-9]/g, '')}.${String(i + 1).padStart(2, '0')}`;
        const password = demoPassword();
        const id = await createAccount(
          tx,
          { login, surname, givenName, patronymic },
          {
            iin: demoIin(year, n),
            recordBookNo: `${code.split('-')[1]}${String(100 + n).padStart(4, '0')}`,
            preferredLanguage: /[әғқңөұүһі]/i.test(surname + givenName) ? 'kk' : 'ru',
          },
          password,
        );
        await tx.insert(groupMembers).values({ groupId: gid, userId: id });
        learnerIds.get(key)!.push(id);
        if (groupId.has(`${key}/1`) && i < SUBGROUP_SIZE) {
          await tx.insert(groupMembers).values({ groupId: groupId.get(`${key}/1`)!, userId: id });
        }
        await tx
          .insert(roleAssignments)
          .values({ userId: id, roleId: roleId.get('learner')!, scopeType: 'group', scopeId: gid });
        accounts.push({ role: 'learner', login, password, group: code });
      }
    }
    const academics = await seedAcademics(tx, {
      today,
      startYear,
      unitId,
      groups: new Map(groupSpecs.map((g) => [g.key, { id: groupId.get(g.key)!, code: g.code }])),
      staffId,
      learnerIds,
      roleId,
      academicGroups: academicGroupsFor(startYear),
    });
    const records =
      'skipped' in academics
        ? { skipped: true }
        : await seedRecords(tx, {
            today,
            startYear,
            unitId,
            groups: new Map(groupSpecs.map((g) => [g.key, { id: groupId.get(g.key)!, code: g.code }])),
            staffId,
            learnerIds,
          });
    const textbook =
      opts.storage && !('skipped' in academics)
        ? await demoTextbook(tx, opts.storage, staffId)
        : { materials: 0 };
    const assignmentsSeeded =
      'skipped' in academics
        ? { skipped: true }
        : await seedDemoAssignments(tx, {
            today,
            groups: new Map(groupSpecs.map((g) => [g.key, { id: groupId.get(g.key)!, code: g.code }])),
            staffId,
            learnerIds,
          });
    const statementsSeeded =
      'skipped' in academics ? { skipped: true } : await seedStatements(tx, { staffId });
    await audit(tx, {
      actorId: null,
      action: 'demo.seed',
      subjectType: 'org_unit',
      subjectId: unitId.get(DEMO_MARKER)!,
      data: {
        orgUnits: units.length,
        groups: groupSpecs.length,
        accounts: accounts.length,
        startYear,
        ...academics,
        contentTextbooks: textbook.materials,
        records,
        statements: statementsSeeded,
        assignments: assignmentsSeeded,
      },
    });
    return accounts;
  });
  if (opts.print) printTable(accounts);
  return accounts;
}
