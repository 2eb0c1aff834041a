/**
 * The demo university: S. Seifullin Kazakh Agrotechnical Research University with its
 * faculties, departments, service units, a member of staff in every role of the
 * catalogue and learners in a few groups. Passwords are generated per install and
 * printed once; nothing secret lives in this file.
 */
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, roles } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import { createFileStore } from '../../platform/files.ts';
import { almatyToday } from '../academics/scopes.ts';
import { seedDemoAssignments } from '../assignments/demo.ts';
import { seedDemoTextbook } from '../content/demo.ts';
import { demoStartYear, seedAcademics } from './academics.ts';
import { academicGroupsFor, DEMO_MARKER, groupSpecsFor, seedGroups, seedOrgUnits, units } from './org.ts';
import { type DemoAccount, printAccounts, seedLearners, seedStaff } from './people.ts';
import { type RecordsRefs, seedRecords } from './records.ts';
import { seedStatements } from './statements.ts';

export type { DemoAccount } from './people.ts';

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

/**
 * What stands on the demo's academic year (left out when the year is not seeded): learner
 * records, the e-textbook (when there is a file store), written assignments and statements.
 */
async function seedOnTheYear(tx: Tx, r: RecordsRefs, storage: Pick<Config, 'dataDir' | 's3'> | undefined) {
  const records = await seedRecords(tx, r);
  const textbook = storage ? await demoTextbook(tx, storage, r.staffId) : { materials: 0 };
  const assignments = await seedDemoAssignments(tx, r);
  const statements = await seedStatements(tx, r);
  return { records, textbook, assignments, statements };
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
    const unitId = await seedOrgUnits(tx);
    const groupId = await seedGroups(tx, groupSpecs, unitId);
    const groups = new Map(groupSpecs.map((g) => [g.key, { id: groupId.get(g.key)!, code: g.code }]));
    const roleId = new Map(
      (await tx.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]),
    );
    const staff = await seedStaff(tx, { unitId, groupId, roleId });
    const learners = await seedLearners(tx, { groups, roleId });
    const accounts: DemoAccount[] = [...staff.accounts, ...learners.accounts];
    const refs = {
      today,
      startYear,
      unitId,
      groups,
      staffId: staff.staffId,
      learnerIds: learners.learnerIds,
    };
    const academics = await seedAcademics(tx, {
      ...refs,
      roleId,
      academicGroups: academicGroupsFor(startYear),
    });
    const onTheYear = 'skipped' in academics ? null : await seedOnTheYear(tx, refs, opts.storage);
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
        contentTextbooks: onTheYear?.textbook.materials ?? 0,
        records: onTheYear?.records ?? { skipped: true },
        statements: onTheYear?.statements ?? { skipped: true },
        assignments: onTheYear?.assignments ?? { skipped: true },
      },
    });
    return accounts;
  });
  if (opts.print) printAccounts(accounts);
  return accounts;
}
