import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  auditLedger,
  contentMaterials,
  contentMaterialVersions,
  contentSections,
  learnerOrders,
} from '../../db/schema/index.ts';
import { course, enrol, inUnit, multipart, type Person, person, samplePdf, teacherOf } from './testing.ts';

let env: TestEnv;
const realNow = () => new Date();
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = realNow;
});

const json = (r: { body: string }) => JSON.parse(r.body);
const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  who: Person,
  url: string,
  payload?: unknown,
) => env.app.inject({ method, url, headers: who.headers, payload: payload as never });

async function setup(endsOn?: string) {
  const c = await course(env.ctx.db, endsOn ? { endsOn } : {});
  const teacher = await person(env, [teacherOf(c.offeringId)]);
  const section = async (kk: string, offeringId?: string) => {
    const r = await call('POST', teacher, `/api/v1/disciplines/${c.disciplineId}/content/sections`, {
      kind: 'week',
      title: { kk },
      ...(offeringId ? { offeringId } : {}),
    });
    expect(r.statusCode, r.body).toBe(201);
    return json(r).id as string;
  };
  const page = async (sectionId: string, title: string) => {
    const r = await call('POST', teacher, `/api/v1/content/sections/${sectionId}/materials`, {
      kind: 'page',
      body: { kk: { title, html: '<p>мәтін</p>' } },
    });
    expect(r.statusCode, r.body).toBe(201);
    return json(r).id as string;
  };
  const complex = async () =>
    json(
      await call('GET', teacher, `/api/v1/disciplines/${c.disciplineId}/content?offeringId=${c.offeringId}`),
    ).sections as Array<{ id: string; title: { kk: string }; materials: Array<{ id: string }> }>;
  return { c, teacher, section, page, complex };
}

describe('sections of a complex', () => {
  it('are reordered all or nothing, renamed, and deleted only when empty', async () => {
    const s = await setup();
    const a = await s.section('1-апта');
    const b = await s.section('2-апта');
    const own = await s.section('Ағымға арналған кеңес', s.c.offeringId);
    const reordered = await call(
      'PUT',
      s.teacher,
      `/api/v1/disciplines/${s.c.disciplineId}/content/sections/order`,
      {
        sectionIds: [own, b, a],
      },
    );
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect((await s.complex()).map((x) => x.id)).toEqual([own, b, a]);

    // A section of another discipline in the list: nothing changes.
    const other = await setup();
    const foreign = await other.section('Бөгде');
    const mixed = await call(
      'PUT',
      s.teacher,
      `/api/v1/disciplines/${s.c.disciplineId}/content/sections/order`,
      {
        sectionIds: [a, b, foreign],
      },
    );
    expect(mixed.statusCode).toBe(422);
    expect((await s.complex()).map((x) => x.id)).toEqual([own, b, a]);
    const twice = await call(
      'PUT',
      s.teacher,
      `/api/v1/disciplines/${s.c.disciplineId}/content/sections/order`,
      {
        sectionIds: [a, a],
      },
    );
    expect(twice.statusCode).toBe(400);

    const renamed = await call('PATCH', s.teacher, `/api/v1/content/sections/${a}`, {
      kind: 'topic',
      title: { kk: 'Топырақ', ru: 'Почва' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(json(renamed)).toMatchObject({ kind: 'topic', title: { kk: 'Топырақ', ru: 'Почва' } });

    // Materials move between sections and are ordered; then the emptied section can go.
    const m1 = await s.page(a, 'Бірінші');
    const m2 = await s.page(b, 'Екінші');
    const m3 = await s.page(b, 'Үшінші');
    const full = await call('DELETE', s.teacher, `/api/v1/content/sections/${a}`);
    expect(full.statusCode).toBe(409);
    expect(json(full).detail).toContain('move them');
    const arranged = await call('PUT', s.teacher, `/api/v1/content/sections/${b}/materials/order`, {
      materialIds: [m3, m1],
    });
    expect(arranged.statusCode, arranged.body).toBe(200);
    expect(json(arranged).materialIds).toEqual([m3, m1, m2]);
    const after = await s.complex();
    expect(after.find((x) => x.id === b)!.materials.map((m) => m.id)).toEqual([m3, m1, m2]);
    expect(after.find((x) => x.id === a)!.materials).toEqual([]);
    // A discipline material cannot move into an offering-only section.
    const intoOwn = await call('PUT', s.teacher, `/api/v1/content/sections/${own}/materials/order`, {
      materialIds: [m2],
    });
    expect(intoOwn.statusCode).toBe(422);
    const deleted = await call('DELETE', s.teacher, `/api/v1/content/sections/${a}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await env.ctx.db.select().from(contentSections).where(eq(contentSections.id, a))).toEqual([]);
    const logged = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, a));
    expect(logged.map((r) => r.action)).toContain('content.section.delete');

    // Another offering's teacher may not touch this discipline's sections.
    const stranger = await person(env, [teacherOf(other.c.offeringId)]);
    expect((await call('DELETE', stranger, `/api/v1/content/sections/${b}`)).statusCode).toBe(403);
    expect(
      (await call('PATCH', stranger, `/api/v1/content/sections/${b}`, { title: { kk: 'x' } })).statusCode,
    ).toBe(403);
  });
});

describe('deleting a material', () => {
  it('removes a draft or returned material learners never saw, audited; refuses one in review or ever approved, and strangers', async () => {
    const s = await setup();
    const week = await s.section('1-апта');
    const reviewer = await person(env, [inUnit('reviewer', s.c.departmentId)]);
    const versions = async (id: string) =>
      env.ctx.db.select().from(contentMaterialVersions).where(eq(contentMaterialVersions.materialId, id));

    // A draft: another discipline's teacher does not learn it exists; its teacher deletes it.
    const draft = await s.page(week, 'Жоба');
    const other = await setup();
    const stranger = await person(env, [teacherOf(other.c.offeringId)]);
    expect((await call('DELETE', stranger, `/api/v1/content/materials/${draft}`)).statusCode).toBe(404);
    expect((await call('DELETE', reviewer, `/api/v1/content/materials/${draft}`)).statusCode).toBe(403);
    expect((await call('DELETE', s.teacher, '/api/v1/content/materials/not-a-uuid')).statusCode).toBe(400);
    const gone = await call('DELETE', s.teacher, `/api/v1/content/materials/${draft}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect(await env.ctx.db.select().from(contentMaterials).where(eq(contentMaterials.id, draft))).toEqual(
      [],
    );
    expect(await versions(draft)).toEqual([]);
    const logged = await env.ctx.db.select().from(auditLedger).where(eq(auditLedger.subjectId, draft));
    expect(logged.map((r) => r.action)).toContain('content.material.delete');
    expect((await call('DELETE', s.teacher, `/api/v1/content/materials/${draft}`)).statusCode).toBe(404);
    expect((await s.complex()).find((x) => x.id === week)!.materials).toEqual([]);

    // In review: refused until the reviewer decides; returned with comments, it may go.
    const returned = await s.page(week, 'Қайтарылған');
    expect((await call('POST', s.teacher, `/api/v1/content/materials/${returned}/submit`)).statusCode).toBe(
      200,
    );
    const inReview = await call('DELETE', s.teacher, `/api/v1/content/materials/${returned}`);
    expect(inReview.statusCode).toBe(409);
    expect(await versions(returned)).toHaveLength(1);
    const back = await call('POST', reviewer, `/api/v1/content/materials/${returned}/review`, {
      decision: 'return',
      comment: 'Әдебиет тізімі жоқ',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await call('DELETE', s.teacher, `/api/v1/content/materials/${returned}`)).statusCode).toBe(204);

    // Its file goes with it unless another material still uses it.
    const up = multipart('конспект.pdf', await samplePdf(1));
    const uploaded = await env.app.inject({
      method: 'POST',
      url: '/api/v1/content/files',
      headers: { ...s.teacher.headers, 'content-type': up.contentType },
      payload: up.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const fileId = json(uploaded).id as string;
    const fileMaterial = async (title: string) => {
      const r = await call('POST', s.teacher, `/api/v1/content/sections/${week}/materials`, {
        kind: 'file',
        body: { kk: { title, fileId } },
      });
      expect(r.statusCode, r.body).toBe(201);
      return json(r).id as string;
    };
    const first = await fileMaterial('Конспект');
    const second = await fileMaterial('Конспект (көшірме)');
    expect((await call('DELETE', s.teacher, `/api/v1/content/materials/${first}`)).statusCode).toBe(204);
    expect(await env.ctx.files.get(fileId)).not.toBeNull();
    expect((await call('DELETE', s.teacher, `/api/v1/content/materials/${second}`)).statusCode).toBe(204);
    expect(await env.ctx.files.get(fileId)).toBeNull();

    // Approved once (even with a newer draft on top): learners saw it, so it stays.
    const approved = await s.page(week, 'Мақұлданған');
    await call('POST', s.teacher, `/api/v1/content/materials/${approved}/submit`);
    const ok = await call('POST', reviewer, `/api/v1/content/materials/${approved}/review`, {
      decision: 'approve',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const edited = await call('PUT', s.teacher, `/api/v1/content/materials/${approved}`, {
      body: { kk: { title: 'Мақұлданған', html: '<p>жаңа</p>' } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const refused = await call('DELETE', s.teacher, `/api/v1/content/materials/${approved}`);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).type).toBe('/problems/conflict');
    expect(json(refused).detail).toMatch(/approved|мақұлданған|одобрен/i);
    expect(await versions(approved)).toHaveLength(2);
  });
});

describe('previewing rich text', () => {
  it('shows a teacher the text as learners will see it, sanitized, storing nothing; refuses learners and bad input', async () => {
    const s = await setup();
    const html =
      '<h2>Гумус</h2><table><tbody><tr><td>1</td></tr></tbody></table><span class="math-inline" data-latex="x^2"></span><script>alert(1)</script><img src=x onerror=alert(1)>';
    const res = await call('POST', s.teacher, '/api/v1/content/preview', { html });
    expect(res.statusCode, res.body).toBe(200);
    const out = json(res).html as string;
    expect(out).toContain('<h2>Гумус</h2>');
    expect(out).toContain('<td>1</td>');
    expect(out).toContain('data-latex="x^2"');
    expect(out).not.toMatch(/<script|onerror|<img/);
    expect(await s.complex()).toEqual([]);
    const learner = await person(env, ['learner']);
    expect((await call('POST', learner, '/api/v1/content/preview', { html })).statusCode).toBe(403);
    const missing = await call('POST', s.teacher, '/api/v1/content/preview', {});
    expect(missing.statusCode).toBe(400);
    expect(json(missing).errors[0].pointer).toBe('/html');
    const tooLong = await call('POST', s.teacher, '/api/v1/content/preview', { html: 'x'.repeat(500_001) });
    expect(tooLong.statusCode).toBe(400);
  });
});

describe('an offering whose period is over', () => {
  it('freezes its own items and announcements, with the rule in the refusal; the shared complex stays editable', async () => {
    const s = await setup('2026-12-05');
    const own = await s.section('Ағым бөлімі', s.c.offeringId);
    const ownPage = await s.page(own, 'Кеңес');
    const shared = await s.section('1-апта');
    env.ctx.clock.now = () => new Date('2026-12-10T06:00:00Z');
    const ru = { ...s.teacher.headers, 'accept-language': 'ru' };
    const edit = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/content/materials/${ownPage}`,
      headers: ru,
      payload: { body: { kk: { title: 'Жаңа', html: '<p>x</p>' } } },
    });
    expect(edit.statusCode).toBe(409);
    expect(json(edit).detail).toContain('2026-12-05');
    expect(json(edit).detail).toContain('Общий комплекс дисциплины');
    expect((await call('POST', s.teacher, `/api/v1/content/materials/${ownPage}/submit`)).statusCode).toBe(
      409,
    );
    expect((await call('DELETE', s.teacher, `/api/v1/content/sections/${own}`)).statusCode).toBe(409);
    const newOwn = await call('POST', s.teacher, `/api/v1/disciplines/${s.c.disciplineId}/content/sections`, {
      kind: 'topic',
      title: { kk: 'Кеш' },
      offeringId: s.c.offeringId,
    });
    expect(newOwn.statusCode).toBe(409);
    const ann = await call('POST', s.teacher, `/api/v1/offerings/${s.c.offeringId}/announcements`, {
      title: 'Кеш',
      body: '<p>x</p>',
    });
    expect(ann.statusCode).toBe(409);
    // The discipline's shared complex is for the next offerings: still editable.
    expect((await s.page(shared, 'Келесі жылға')).length).toBeGreaterThan(0);
    const page = json(await call('GET', s.teacher, `/api/v1/offerings/${s.c.offeringId}/content`));
    expect(page).toMatchObject({ readOnly: true, canEdit: true });
  });
});

describe('learner status', () => {
  it('a learner on academic leave cannot open the course content and is told why', async () => {
    const s = await setup();
    const learner = await person(env, ['learner'], { preferredLanguage: 'kk' });
    await enrol(env.ctx.db, s.c.offeringId, learner.id);
    const url = `/api/v1/offerings/${s.c.offeringId}/content`;
    expect((await call('GET', learner, url)).statusCode).toBe(200);
    const office = await person(env, [inUnit('deans_office_staff', s.c.facultyId)]);
    await env.ctx.db.insert(learnerOrders).values([
      {
        number: '№1',
        orderDate: '2026-09-01',
        effectiveOn: '2026-09-01',
        kind: 'admission',
        learnerId: learner.id,
        signerId: office.id,
        createdBy: office.id,
      },
      {
        number: '№2',
        orderDate: '2026-10-20',
        effectiveOn: '2026-11-01',
        kind: 'academic_leave',
        learnerId: learner.id,
        signerId: office.id,
        createdBy: office.id,
        details: { leaveTo: '2027-08-31', reason: 'health' },
      },
    ]);
    env.ctx.clock.now = () => new Date('2026-10-31T06:00:00Z');
    expect((await call('GET', learner, url)).statusCode).toBe(200);
    env.ctx.clock.now = () => new Date('2026-11-02T06:00:00Z');
    const closed = await env.app.inject({ url, headers: { ...learner.headers, 'accept-language': 'en' } });
    expect(closed.statusCode).toBe(403);
    expect(json(closed).type).toContain('learner-access-closed');
    expect(json(closed).detail).toMatch(/leave/i);
    expect(
      (await call('POST', learner, `/api/v1/offerings/${s.c.offeringId}/content/terms`)).statusCode,
    ).toBe(403);
    // Staff are not affected by a learner's status.
    expect((await call('GET', s.teacher, url)).statusCode).toBe(200);
  });
});
