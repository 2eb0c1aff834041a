import fs from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { auditLedger, contentUploads, files } from '../../db/schema/index.ts';
import { createJobRunner, enqueueJob } from '../../platform/jobs.ts';
import { orphanUploadsJob } from './orphan-uploads.ts';
import { course, multipart, type Person, person, samplePdf, teacherOf } from './testing.ts';

let env: TestEnv;
const realNow = () => new Date();
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = realNow;
});

const HOUR = 3_600_000;
const json = (r: { body: string }) => JSON.parse(r.body);

async function uploadAt(teacher: Person, at: Date, name: string): Promise<string> {
  env.ctx.clock.now = () => at;
  const up = multipart(name, await samplePdf(1));
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/content/files',
    headers: { ...teacher.headers, 'content-type': up.contentType },
    payload: up.payload,
  });
  env.ctx.clock.now = realNow;
  expect(res.statusCode, res.body).toBe(201);
  return json(res).id as string;
}

/** Whether the file's row and its bytes (in the local store) are still there. */
async function stored(fileId: string): Promise<{ row: boolean; bytes: boolean }> {
  const [row] = await env.ctx.db.select().from(files).where(eq(files.id, fileId));
  const key = row?.storageKey ?? keys.get(fileId)!;
  return {
    row: Boolean(row),
    bytes: fs.existsSync(path.join(env.config.dataDir, 'files', key.slice(0, 2), key)),
  };
}
const keys = new Map<string, string>();

/** Runs the daily job until nothing of its kind is due (it queues its next run for tomorrow). */
async function runDailyJob() {
  await enqueueJob(env.ctx.db, orphanUploadsJob, {});
  const runner = createJobRunner(env.ctx, { kinds: [orphanUploadsJob.kind] });
  for (let i = 0; i < 50; i++) if ((await runner.runOnce()) === 0) return;
  throw new Error('the job queue did not drain');
}

describe('uploads never attached to a material', () => {
  it('are deleted (row and bytes) by the daily job once a day old; an attached upload and a recent one stay', async () => {
    const c = await course(env.ctx.db);
    const teacher = await person(env, [teacherOf(c.offeringId)]);
    const now = Date.now();
    const attached = await uploadAt(teacher, new Date(now - 30 * HOUR), 'Дәріс.pdf');
    const orphan = await uploadAt(teacher, new Date(now - 25 * HOUR), 'Ұмытылған.pdf');
    const recent = await uploadAt(teacher, new Date(now - 2 * HOUR), 'Жаңа.pdf');
    for (const id of [attached, orphan, recent]) {
      const [f] = await env.ctx.db.select().from(files).where(eq(files.id, id));
      keys.set(id, f!.storageKey);
      expect(await stored(id)).toEqual({ row: true, bytes: true });
    }

    // The first upload is saved into a material; the other two never are.
    const section = await env.app.inject({
      method: 'POST',
      url: `/api/v1/disciplines/${c.disciplineId}/content/sections`,
      headers: teacher.headers,
      payload: { kind: 'week', title: { kk: '1-апта' }, position: 1 },
    });
    expect(section.statusCode, section.body).toBe(201);
    const material = await env.app.inject({
      method: 'POST',
      url: `/api/v1/content/sections/${json(section).id}/materials`,
      headers: teacher.headers,
      payload: { kind: 'file', body: { kk: { title: 'Дәріс конспектісі', fileId: attached } } },
    });
    expect(material.statusCode, material.body).toBe(201);

    await runDailyJob();

    expect(await stored(attached)).toEqual({ row: true, bytes: true });
    expect(await stored(orphan)).toEqual({ row: false, bytes: false });
    expect(await stored(recent)).toEqual({ row: true, bytes: true });
    // The attached upload is settled; the recent one is still watched.
    const tracked = await env.ctx.db.select().from(contentUploads);
    expect(tracked.map((t) => t.fileId)).not.toContain(attached);
    expect(tracked.map((t) => t.fileId)).toContain(recent);
    // The material's file is still served to its author.
    const file = await env.ctx.files.get(attached);
    expect(file?.file.name).toBe('Дәріс.pdf');
    file?.stream.destroy();

    // The clean-up is in the audit ledger, by count.
    const [entry] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(eq(auditLedger.action, 'content.uploads.cleanup'))
      .orderBy(desc(auditLedger.seq))
      .limit(1);
    expect(entry?.actorId).toBeNull();
    expect((entry!.data as { removed: number }).removed).toBeGreaterThanOrEqual(1);

    // A day later the recent one is old enough and goes too; the attached one never does.
    env.ctx.clock.now = () => new Date(now + 23 * HOUR);
    await runDailyJob();
    expect(await stored(recent)).toEqual({ row: false, bytes: false });
    expect(await stored(attached)).toEqual({ row: true, bytes: true });
  });
});
