import { sql } from 'drizzle-orm';
import type { Part } from '#core/assessment/assembly.ts';
import type { TestSettings } from '#core/wire/assessment.ts';
import type { Db, DbOrTx } from '../../../db/client.ts';
import { questions, type questionVersions } from '../../../db/schema/index.ts';
import { perDatabase, singleFlight } from '../../../platform/batch.ts';
import { rowsOf } from '../../academics/scopes.ts';
import { currentVersions } from '../bank/service.ts';
import type { TestRow } from '../scopes.ts';
import { randomPartWhere, resolveParts } from '../tests/service.ts';

type VersionRow = typeof questionVersions.$inferSelect;

/** What a start draws from: each part's pool, and the current version of every question in them. */
export type DrawSource = { parts: Part[]; versions: Map<string, VersionRow> };

/**
 * An exam's starts all draw from the same pools. Reading a 500-question pool and the drawn
 * questions' versions for every start is most of a start's database work, so each process
 * keeps them per test version. A bank changes under a published test (a question added,
 * edited — every edit is a new version —, moved or retagged), so every start first asks the
 * database for a fingerprint of the pools as they are now: one short row, computed over the
 * same conditions the pools are read with. A different fingerprint reads them again.
 */
const MAX_TESTS = 32;
// The promise, not its result: the first start of a storm reads, the others wait for that read.
const cache = new Map<string, { fingerprint: string; source: Promise<DrawSource> }>();

function partsFingerprint(offeringId: string, settings: TestSettings) {
  const member = sql`${questions.id}::text || ':' || ${questions.currentVersion}`;
  const columns = settings.parts.map((p, i) =>
    p.kind === 'fixed'
      ? sql`${`${i}:`} || coalesce((select ${member} from ${questions} where ${questions.id} = ${p.questionId}), '')`
      : sql`${`${i}:`} || coalesce((select string_agg(${member}, ',' order by ${questions.id})
          from ${questions} where ${randomPartWhere(p, offeringId)}), '')`,
  );
  return columns.length ? sql`md5(concat_ws('|', ${sql.join(columns, sql`, `)}))` : sql`''`;
}

/**
 * The pools' fingerprint of a test version, shared by the starts asking at the same moment: a
 * start arriving while it is computed takes that one, so at worst it draws from the pools as
 * they were a few milliseconds before it arrived.
 */
const fingerprintOf = perDatabase((db) =>
  singleFlight(async (_key: string, t: TestRow) => {
    const res = await db.execute(
      sql`select ${partsFingerprint(t.offeringId, t.settings as TestSettings)} as fp`,
    );
    return rowsOf<{ fp: string }>(res)[0]!.fp;
  }),
);

/** `db` is the database, not a transaction: a read it starts is shared with other requests. */
export async function drawSource(db: Db, t: TestRow): Promise<DrawSource> {
  const settings = t.settings as TestSettings;
  const key = `${t.id}:${t.version}`;
  const fingerprint = await fingerprintOf(db)(key, t);
  const hit = cache.get(key);
  if (hit?.fingerprint === fingerprint) {
    // Most recently used last: the first key is the one to evict.
    cache.delete(key);
    cache.set(key, hit);
    return hit.source;
  }
  const entry = { fingerprint, source: readSource(db, t, settings) };
  // A bank changed between the fingerprint and the read only makes the next start read again.
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > MAX_TESTS) cache.delete(cache.keys().next().value!);
  entry.source.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return entry.source;
}

async function readSource(db: DbOrTx, t: TestRow, settings: TestSettings): Promise<DrawSource> {
  const parts = await resolveParts(db, t.offeringId, settings);
  const ids = [...new Set(parts.flatMap((p) => (p.kind === 'fixed' ? [p.questionId] : p.pool)))];
  return { parts, versions: await currentVersions(db, ids) };
}
