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

describe('getProgramme and updateProgramme', () => {
  const put = (headers: Record<string, string>, id: string, payload: unknown) =>
    env.app.inject({ method: 'PUT', url: `/api/v1/programmes/${id}`, headers, payload: payload as never });

  it('edits every field with the version read, audits what changed, and refuses a stale version', async () => {
    const { departmentId } = await unitTree(env);
    const moved = await unitTree(env);
    const staff = await person(env, 'dl_institute_staff');
    const p = json(await create(staff.headers, programmeBody(departmentId)));
    expect(p.version).toBe(1);
    const learner = await person(env, 'learner');
    const read = await env.app.inject({ url: `/api/v1/programmes/${p.id}`, headers: learner.headers });
    expect(read.statusCode).toBe(200);
    expect(json(read)).toEqual(p);

    const edit = {
      ...programmeBody(moved.departmentId, { code: p.code, studyForm: 'blended', dltCategories: [] }),
      name: { kk: 'Агрономия (қысқартылған)', ru: 'Агрономия (сокращённая)', en: 'Agronomy (shortened)' },
      version: 1,
    };
    const res = await put(staff.headers, p.id, edit);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({
      id: p.id,
      code: p.code,
      departmentId: moved.departmentId,
      studyForm: 'blended',
      dltCategories: [],
      name: edit.name,
      version: 2,
    });
    const [row] = await env.ctx.db
      .select()
      .from(auditLedger)
      .where(and(eq(auditLedger.action, 'programme.update'), eq(auditLedger.subjectId, p.id)));
    const data = row!.data as Record<string, { from: unknown; to: unknown }>;
    expect(Object.keys(data).sort()).toEqual([
      'departmentId',
      'dltCategories',
      'nameEn',
      'nameKk',
      'nameRu',
      'studyForm',
    ]);
    expect(data.studyForm).toEqual({ from: 'distance', to: 'blended' });

    // Someone who still holds version 1 is refused, and nothing changes.
    const stale = await put(staff.headers, p.id, { ...edit, studyForm: 'full_time', version: 1 });
    expect(stale.statusCode).toBe(409);
    const after = json(await env.app.inject({ url: `/api/v1/programmes/${p.id}`, headers: staff.headers }));
    expect(after).toMatchObject({ studyForm: 'blended', version: 2 });
  });

  it('refuses a taken code (409), bad DLT categories and a non-department (422), bad input (400), outsiders (403), unknown (404)', async () => {
    const { departmentId, facultyId } = await unitTree(env);
    const staff = await person(env, 'dl_institute_staff');
    const taken = json(await create(staff.headers, programmeBody(departmentId)));
    const p = json(await create(staff.headers, programmeBody(departmentId)));
    const body = { ...programmeBody(departmentId, { code: p.code }), version: p.version };
    expect((await put(staff.headers, p.id, { ...body, code: taken.code.toLowerCase() })).statusCode).toBe(
      409,
    );
    const noDlt = await put(staff.headers, p.id, { ...body, dltCategories: [] });
    expect(noDlt.statusCode).toBe(422);
    expect(json(noDlt).errors[0].pointer).toBe('/dltCategories');
    const notDept = await put(staff.headers, p.id, { ...body, departmentId: facultyId });
    expect(notDept.statusCode).toBe(422);
    expect(json(notDept).errors[0].pointer).toBe('/departmentId');
    expect((await put(staff.headers, p.id, { ...body, version: undefined })).statusCode).toBe(400);
    expect((await put(staff.headers, p.id, { ...body, studyForm: 'evening' })).statusCode).toBe(400);
    // A department head may edit their department's programmes only, and not move one away.
    const other = await unitTree(env);
    const head = await person(env, { code: 'department_head', scopeType: 'org_unit', scopeId: departmentId });
    expect((await put(head.headers, p.id, { ...body, departmentId: other.departmentId })).statusCode).toBe(
      403,
    );
    const ok = await put(head.headers, p.id, { ...body, language: 'ru' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await put((await person(env, 'learner')).headers, p.id, body)).statusCode).toBe(403);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await put(staff.headers, unknown, body)).statusCode).toBe(404);
    expect(
      (await env.app.inject({ url: `/api/v1/programmes/${unknown}`, headers: staff.headers })).statusCode,
    ).toBe(404);
    const unchanged = json(
      await env.app.inject({ url: `/api/v1/programmes/${p.id}`, headers: staff.headers }),
    );
    expect(unchanged).toMatchObject({ language: 'ru', version: 2, departmentId });
  });
});
