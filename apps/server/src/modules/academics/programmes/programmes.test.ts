import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv, uniq } from '../../../../test/harness.ts';
import { auditLedger } from '../../../db/schema/index.ts';
import { json, person, programmeBody, unitTree } from '../testing.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const create = (headers: Record<string, string>, payload: unknown) =>
  env.app.inject({ method: 'POST', url: '/api/v1/programmes', headers, payload: payload as never });

describe('createProgramme', () => {
  it('lets DL-institute staff define a distance programme, audited by id', async () => {
    const { departmentId } = await unitTree(env);
    const staff = await person(env, 'dl_institute_staff');
    const body = programmeBody(departmentId, {
      dltCategories: ['shortened_after_tvet', 'foreign_assignment'],
    });
    const res = await create(staff.headers, body);
    expect(res.statusCode, res.body).toBe(201);
    const p = json(res);
    expect(p).toMatchObject({ code: body.code, studyForm: 'distance', departmentId, name: body.name });
    expect(p.dltCategories).toEqual(['shortened_after_tvet', 'foreign_assignment']);
    const rows = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'programme.create'), eq(auditLedger.subjectId, p.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorId).toBe(staff.id);
  });

  it('lets a department head define programmes of their department only', async () => {
    const mine = await unitTree(env);
    const other = await unitTree(env);
    const head = await person(env, {
      code: 'department_head',
      scopeType: 'org_unit',
      scopeId: mine.departmentId,
    });
    expect((await create(head.headers, programmeBody(mine.departmentId))).statusCode).toBe(201);
    expect((await create(head.headers, programmeBody(other.departmentId))).statusCode).toBe(403);
  });

  it('refuses people without the permission, a duplicate code, a non-department and bad DLT categories', async () => {
    const { departmentId, facultyId } = await unitTree(env);
    const learner = await person(env, 'learner');
    expect((await create(learner.headers, programmeBody(departmentId))).statusCode).toBe(403);
    const staff = await person(env, 'dl_institute_staff');
    const body = programmeBody(departmentId);
    expect((await create(staff.headers, body)).statusCode).toBe(201);
    const dup = await create(staff.headers, {
      ...programmeBody(departmentId),
      code: body.code.toLowerCase(),
    });
    expect(dup.statusCode).toBe(409);
    const notDept = await create(staff.headers, programmeBody(facultyId));
    expect(notDept.statusCode).toBe(422);
    expect(json(notDept).errors[0].pointer).toBe('/departmentId');
    const fullTimeWithDlt = await create(
      staff.headers,
      programmeBody(departmentId, { studyForm: 'full_time' }),
    );
    expect(fullTimeWithDlt.statusCode).toBe(422);
    expect(json(fullTimeWithDlt).errors[0].pointer).toBe('/dltCategories');
    const distanceWithout = await create(staff.headers, programmeBody(departmentId, { dltCategories: [] }));
    expect(distanceWithout.statusCode).toBe(422);
    const badForm = await create(staff.headers, programmeBody(departmentId, { studyForm: 'evening' }));
    expect(badForm.statusCode).toBe(400);
    expect(json(badForm).errors[0].pointer).toBe('/studyForm');
  });

  it('answers 401 to an anonymous request whatever its body', async () => {
    expect((await create({}, { nonsense: true })).statusCode).toBe(401);
  });
});

describe('listProgrammes', () => {
  it('searches, pages and sorts names in Kazakh alphabetical order', async () => {
    const { departmentId } = await unitTree(env);
    const staff = await person(env, 'dl_institute_staff');
    const tag = uniq('q');
    // Code-point order would put Ә and Ө after every other Cyrillic letter.
    for (const word of ['Өсімдік', 'Бухгалтерлік', 'Әлеуметтану', 'Агрономия', 'Орман']) {
      const body = programmeBody(departmentId);
      const res = await create(staff.headers, { ...body, name: { ...body.name, kk: `${word} ${tag}` } });
      expect(res.statusCode).toBe(201);
    }
    const learner = await person(env, 'learner');
    const res = await env.app.inject({
      url: `/api/v1/programmes?q=${encodeURIComponent(tag)}&pageSize=3`,
      headers: learner.headers,
    });
    expect(res.statusCode).toBe(200);
    const first = json(res);
    expect(first.total).toBe(5);
    expect(first.items.map((p: { name: { kk: string } }) => p.name.kk.split(' ')[0])).toEqual([
      'Агрономия',
      'Әлеуметтану',
      'Бухгалтерлік',
    ]);
    const second = json(
      await env.app.inject({
        url: `/api/v1/programmes?q=${encodeURIComponent(tag)}&pageSize=3&page=2`,
        headers: learner.headers,
      }),
    );
    expect(second.items.map((p: { name: { kk: string } }) => p.name.kk.split(' ')[0])).toEqual([
      'Орман',
      'Өсімдік',
    ]);
  });

  it('answers 401 without a session and 400 for a bad page size', async () => {
    expect((await env.app.inject({ url: '/api/v1/programmes' })).statusCode).toBe(401);
    const learner = await person(env, 'learner');
    expect(
      (await env.app.inject({ url: '/api/v1/programmes?pageSize=0', headers: learner.headers })).statusCode,
    ).toBe(400);
  });
});
