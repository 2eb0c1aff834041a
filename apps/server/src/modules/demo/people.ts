/**
 * The demo's people: a member of staff for every role of the catalogue and the learners of
 * its groups, each with a password generated now and shown once (printAccounts).
 */
import { randomInt } from 'node:crypto';
import { iinCheckDigit } from '#core/iin.ts';
import type { Tx } from '../../db/client.ts';
import { groupMembers, roleAssignments, users } from '../../db/schema/index.ts';
import type { ScopeType } from '../../platform/policy.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { roleCatalogue } from '../roles/catalogue.ts';
import { DEMO_MARKER } from './org.ts';

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

/**
 * An account for every role of the catalogue but the learner's, with its role in its scope:
 * role code → user id.
 */
export async function seedStaff(
  tx: Tx,
  r: { unitId: Map<string, string>; groupId: Map<string, string>; roleId: Map<string, string> },
): Promise<{ accounts: DemoAccount[]; staffId: Map<string, string> }> {
  const accounts: DemoAccount[] = [];
  const staffId = new Map<string, string>();
  for (const role of roleCatalogue) {
    if (role.code === 'learner') continue; // learners come in their groups (seedLearners)
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
    const scopeId = s.type === 'system' ? null : s.unit ? r.unitId.get(s.unit)! : r.groupId.get(s.group!)!;
    await tx
      .insert(roleAssignments)
      .values({ userId: id, roleId: r.roleId.get(role.code)!, scopeType: s.type, scopeId });
    accounts.push({ role: role.code, login: person.login, password });
    staffId.set(role.code, id);
  }
  return { accounts, staffId };
}

/**
 * The learners of each group (the first few of a group with a subgroup are in it too),
 * learners in their group's scope: group key → user ids.
 */
export async function seedLearners(
  tx: Tx,
  r: { groups: Map<string, { id: string; code: string }>; roleId: Map<string, string> },
): Promise<{ accounts: DemoAccount[]; learnerIds: Map<string, string[]> }> {
  const accounts: DemoAccount[] = [];
  let n = 0;
  const learnerIds = new Map<string, string[]>();
  for (const [key, people] of Object.entries(learners)) {
    const { id: gid, code } = r.groups.get(key)!;
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
      const subgroup = r.groups.get(`${key}/1`);
      if (subgroup && i < SUBGROUP_SIZE) {
        await tx.insert(groupMembers).values({ groupId: subgroup.id, userId: id });
      }
      await tx
        .insert(roleAssignments)
        .values({ userId: id, roleId: r.roleId.get('learner')!, scopeType: 'group', scopeId: gid });
      accounts.push({ role: 'learner', login, password, group: code });
    }
  }
  return { accounts, learnerIds };
}

/** The accounts and their passwords, on standard output: the only time they are shown. */
export function printAccounts(accounts: DemoAccount[]) {
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
