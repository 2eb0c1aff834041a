import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { creditTransfers } from '../../db/schema/index.ts';
import { approvedWorld } from '../transcripts/testing.ts';
import { verifyFinalResults } from './integrity.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

describe('integrity of final results', () => {
  it('proves every final result matches its approved statement and the ledger; reports one changed in SQL', {
    timeout: 240_000,
  }, async () => {
    // Ratings 80; exams 90 → 84 B, 100 → 88 B+, 40 → 49 FX.
    const w = await approvedWorld(env, {
      periodStart: '2095-09-01',
      ratings: [80, 80, 80],
      exams: [90, 100, 40],
    });
    const db = env.ctx.db;
    const userIds = w.learners.map((l) => l.id);
    const clean = await verifyFinalResults(db, { userIds });
    expect(clean).toMatchObject({ ok: true, finalResults: 3, problems: [] });

    // Someone with database access turns Бекова's FX into an A.
    const bekova = w.learners[2]!.id;
    await db.execute(
      sql`update final_results set percent = 96, letter = 'A', points = 4.0, passing = true where user_id = ${bekova} and offering_id = ${w.offeringId}`,
    );
    const altered = await verifyFinalResults(db, { userIds });
    expect(altered.ok).toBe(false);
    expect(altered.problems).toEqual([
      { kind: 'final_result', userId: bekova, subjectId: w.offeringId, reason: 'differs-from-statement' },
    ]);

    // Changing the approved statement's row too does not hide it: the ledger recorded 49.
    await db.execute(
      sql`update statement_rows set final_score = 96, letter = 'A', points = 4.0 where learner_id = ${bekova} and statement_id = ${w.statementId}`,
    );
    expect((await verifyFinalResults(db, { userIds })).problems).toEqual([
      { kind: 'final_result', userId: bekova, subjectId: w.offeringId, reason: 'differs-from-ledger' },
    ]);

    // Pointing a result at a statement that is not approved.
    await db.execute(sql`update statements set status = 'submitted' where id = ${w.statementId}`);
    expect(
      (await verifyFinalResults(db, { userIds })).problems.map((p) => [p.userId, p.reason]).sort(),
    ).toEqual(userIds.map((id) => [id, 'statement-not-approved']).sort());
    await db.execute(sql`update statements set status = 'approved' where id = ${w.statementId}`);

    // A credit transfer written behind the records' back is not in the ledger.
    const [t] = await db
      .insert(creditTransfers)
      .values({
        userId: w.learners[0]!.id,
        institution: 'Elsewhere',
        disciplineName: 'Physics',
        credits: 5,
        percent: '90',
        letter: 'A-',
        createdBy: w.registrar.id,
      })
      .returning();
    expect((await verifyFinalResults(db, { userIds: [w.learners[0]!.id] })).problems).toEqual([
      { kind: 'credit_transfer', userId: w.learners[0]!.id, subjectId: t!.id, reason: 'not-in-ledger' },
    ]);

    // Put everything back as approved: nothing is reported (the database is shared by test files).
    await db.execute(sql`delete from credit_transfers where id = ${t!.id}`);
    await db.execute(
      sql`update statement_rows set final_score = 49, letter = 'FX', points = 0.5 where learner_id = ${bekova} and statement_id = ${w.statementId}`,
    );
    await db.execute(
      sql`update final_results set percent = 49, letter = 'FX', points = 0.5, passing = false where user_id = ${bekova} and offering_id = ${w.offeringId}`,
    );
    expect(await verifyFinalResults(db, { userIds })).toMatchObject({ ok: true, problems: [] });
  });
});
