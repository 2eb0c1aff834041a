import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestUser, signIn, type TestEnv, testEnv, uniq } from '../../../test/harness.ts';
import {
  contentMaterials,
  contentMaterialVersions,
  contentSections,
  courseOfferings,
  disciplines,
  enrolments,
} from '../../db/schema/index.ts';
import { journalWorld, type Who } from '../gradebook/journal/testing.ts';
import { assignmentInput, caller } from './testing.ts';

vi.setConfig({ testTimeout: 120_000 });

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterEach(() => {
  env.ctx.clock.now = () => new Date();
});

/** An approved material of a discipline's complex (or of one offering only). */
async function material(
  disciplineId: string,
  sectionId: string,
  kind: string,
  title: { kk: string; ru: string },
  offeringId: string | null = null,
) {
  const db = env.ctx.db;
  const [m] = await db
    .insert(contentMaterials)
    .values({ sectionId, disciplineId, offeringId, kind, createdBy: (await anyUser()).id })
    .returning();
  const [v] = await db
    .insert(contentMaterialVersions)
    .values({
      materialId: m!.id,
      versionNo: 1,
      status: 'approved',
      body: { kk: { title: title.kk, html: '<p>…</p>' }, ru: { title: title.ru, html: '<p>…</p>' } },
      authorId: m!.createdBy,
    })
    .returning();
  await db
    .update(contentMaterials)
    .set({ approvedVersionId: v!.id, lastApprovedAt: new Date() })
    .where(eq(contentMaterials.id, m!.id));
  return m!.id;
}
let author: { id: string } | undefined;
const anyUser = async () => {
  author ??= await createTestUser(env.ctx);
  return author;
};

/**
 * An offering with a course page: a week with an assignment placeholder and a lecture, an
 * offering-only placeholder, and a second offering of the same discipline with its own learner.
 */
async function world() {
  const w = await journalWorld(env, '2026-09-01');
  const db = env.ctx.db;
  const [off] = await db.select().from(courseOfferings).where(eq(courseOfferings.id, w.offeringId));
  const disciplineId = off!.disciplineId;
  const [section] = await db
    .insert(contentSections)
    .values({ disciplineId, kind: 'week', title: { kk: '1-апта', ru: 'Неделя 1' } })
    .returning();
  const shared = await material(disciplineId, section!.id, 'assignment', {
    kk: 'Тапсырма: себу мөлшерін есептеу',
    ru: 'Задание: расчёт нормы высева',
  });
  const page = await material(disciplineId, section!.id, 'page', { kk: 'Дәріс', ru: 'Лекция' });
  const own = await material(
    disciplineId,
    section!.id,
    'assignment',
    { kk: 'Ағымның өз тапсырмасы', ru: 'Задание потока' },
    w.offeringId,
  );
  const [second] = await db
    .insert(courseOfferings)
    .values({ periodId: off!.periodId, entryId: off!.entryId, disciplineId, code: uniq('OFF') })
    .returning();
  const ofSecond = await material(
    disciplineId,
    section!.id,
    'assignment',
    { kk: 'Басқа ағымның тапсырмасы', ru: 'Задание другого потока' },
    second!.id,
  );
  const [otherDiscipline] = await db
    .insert(disciplines)
    .values({
      code: uniq('AGR'),
      nameKk: 'Басқа',
      nameRu: 'Другая',
      nameEn: 'Other',
      departmentId: (await db.select().from(disciplines).where(eq(disciplines.id, disciplineId)))[0]!
        .departmentId,
    })
    .returning();
  const [otherSection] = await db
    .insert(contentSections)
    .values({ disciplineId: otherDiscipline!.id, kind: 'week', title: { kk: '1', ru: '1' } })
    .returning();
  const foreign = await material(otherDiscipline!.id, otherSection!.id, 'assignment', {
    kk: 'Бөгде',
    ru: 'Чужое',
  });
  const person = async (
    roles: NonNullable<Parameters<typeof createTestUser>[1]>['roles'],
    lang = 'ru',
  ): Promise<Who> => {
    const u = await createTestUser(env.ctx, { roles, preferredLanguage: lang });
    return { id: u.id, headers: (await signIn(env.app, u)).headers };
  };
  const secondTeacher = await person([{ code: 'teacher', scopeType: 'offering', scopeId: second!.id }]);
  const secondLearner = await person(['learner']);
  await db.insert(enrolments).values({ offeringId: second!.id, userId: secondLearner.id });
  env.ctx.clock.now = () => new Date('2026-10-01T08:00:00Z');
  return {
    w,
    disciplineId,
    sectionId: section!.id,
    shared,
    page,
    own,
    ofSecond,
    foreign,
    second: second!.id,
    secondTeacher,
    secondLearner,
  };
}

const call = (...a: Parameters<ReturnType<typeof caller>['call']>) => caller(env).call(...a);
const linkOf = async (who: Who, offeringId: string, materialId: string) => {
  const res = await call('GET', who, `/api/v1/offerings/${offeringId}/content`);
  expect(res.statusCode, res.body).toBe(200);
  const m = res
    .json()
    .sections.flatMap((s: { materials: unknown[] }) => s.materials)
    .find((x: { id: string }) => x.id === materialId);
  return m?.assignment;
};

describe('assignments on the course page', () => {
  it("lists the offering's placeholders and binds only one of them, one assignment each", async () => {
    const { w, shared, page, own, ofSecond, foreign } = await world();
    const list = await call('GET', w.teacher, `/api/v1/offerings/${w.offeringId}/assignment-placeholders`);
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([shared, own].sort());
    expect(list.json().items.find((i: { id: string }) => i.id === shared)).toMatchObject({
      // The teacher reads English; the placeholder has Kazakh and Russian: Kazakh comes next.
      title: 'Тапсырма: себу мөлшерін есептеу',
      section: '1-апта',
      assignmentId: null,
    });
    const url = `/api/v1/offerings/${w.offeringId}/assignments`;
    for (const wrong of [page, ofSecond, foreign]) {
      const res = await call('POST', w.teacher, url, assignmentInput({ materialId: wrong }), {
        'accept-language': 'ru',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].pointer).toBe('/materialId');
      expect(res.json().detail).toMatch(/мест/);
    }
    const made = await call('POST', w.teacher, url, assignmentInput({ materialId: shared }));
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().materialId).toBe(shared);
    const twice = await call(
      'POST',
      w.teacher,
      url,
      assignmentInput({ title: 'Екінші', materialId: shared }),
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0].pointer).toBe('/materialId');
    // Saving the same assignment again keeps its own placeholder; moving it frees the first.
    const a = made.json();
    const same = await call(
      'PUT',
      w.teacher,
      `/api/v1/assignments/${a.id}`,
      assignmentInput({ materialId: shared }),
    );
    expect(same.statusCode, same.body).toBe(200);
    const moved = await call(
      'PUT',
      w.teacher,
      `/api/v1/assignments/${a.id}`,
      assignmentInput({ materialId: own }),
    );
    expect(moved.json().materialId).toBe(own);
    const after = (
      await call('GET', w.teacher, `/api/v1/offerings/${w.offeringId}/assignment-placeholders`)
    ).json();
    expect(after.items.find((i: { id: string }) => i.id === own).assignmentId).toBe(a.id);
    expect(after.items.find((i: { id: string }) => i.id === shared).assignmentId).toBeNull();
    expect(
      (await call('GET', w.tutor, `/api/v1/offerings/${w.offeringId}/assignment-placeholders`)).statusCode,
    ).toBe(403);
  });

  it("shows in a shared placeholder each offering's own assignment, with the learner's deadline and state", async () => {
    const { w, shared, second, secondTeacher, secondLearner } = await world();
    const [l1, l2] = w.learners as [Who, Who];
    expect(await linkOf(l1, w.offeringId, shared)).toBeUndefined();
    const a = (
      await call(
        'POST',
        w.teacher,
        `/api/v1/offerings/${w.offeringId}/assignments`,
        assignmentInput({ title: 'Себу мөлшері', materialId: shared, dueAt: '2026-10-10T18:00:00Z' }),
      )
    ).json();
    const b = (
      await call(
        'POST',
        secondTeacher,
        `/api/v1/offerings/${second}/assignments`,
        assignmentInput({ title: 'Норма высева', materialId: shared, dueAt: '2026-10-12T18:00:00Z' }),
      )
    ).json();
    expect(b.materialId).toBe(shared);
    expect(await linkOf(l1, w.offeringId, shared)).toEqual({
      id: a.id,
      title: 'Себу мөлшері',
      dueAt: '2026-10-10T18:00:00.000Z',
      state: 'notStarted',
    });
    expect(await linkOf(secondLearner, second, shared)).toMatchObject({ id: b.id, state: 'notStarted' });
    await call('PUT', l1, `/api/v1/assignments/${a.id}/draft`, { text: 'Жоба' });
    expect((await linkOf(l1, w.offeringId, shared)).state).toBe('draft');
    await call('PUT', w.teacher, `/api/v1/assignments/${a.id}/extensions`, {
      userId: l2.id,
      dueAt: '2026-10-17T18:00:00Z',
      reason: 'Дәрігер анықтамасы',
    });
    expect(await linkOf(l2, w.offeringId, shared)).toMatchObject({ dueAt: '2026-10-17T18:00:00.000Z' });
    const opened = await call('GET', l1, `/api/v1/offerings/${w.offeringId}/content/materials/${shared}`);
    expect(opened.json().assignment).toMatchObject({ id: a.id, state: 'draft' });
    expect(await linkOf(w.teacher, w.offeringId, shared)).toEqual({
      id: a.id,
      title: 'Себу мөлшері',
      dueAt: '2026-10-10T18:00:00.000Z',
      state: null,
    });
  });

  it('a draft placeholder deleted from the complex leaves its assignment unplaced', async () => {
    const { w, disciplineId, sectionId } = await world();
    const db = env.ctx.db;
    const [draft] = await db
      .insert(contentMaterials)
      .values({
        sectionId,
        disciplineId,
        kind: 'assignment',
        createdBy: w.teacher.id,
      })
      .returning();
    await db.insert(contentMaterialVersions).values({
      materialId: draft!.id,
      versionNo: 1,
      status: 'draft',
      body: { kk: { title: 'Жоба орны', html: '' } },
      authorId: w.teacher.id,
    });
    const a = await call(
      'POST',
      w.teacher,
      `/api/v1/offerings/${w.offeringId}/assignments`,
      assignmentInput({ materialId: draft!.id }),
    );
    expect(a.json().materialId).toBe(draft!.id);
    const del = await call('DELETE', w.teacher, `/api/v1/content/materials/${draft!.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await call('GET', w.teacher, `/api/v1/assignments/${a.json().id}`)).json().materialId).toBeNull();
  });

  it('two teachers racing for one placeholder: one assignment takes it, the other is refused', async () => {
    const { w, own } = await world();
    const url = `/api/v1/offerings/${w.offeringId}/assignments`;
    const answers = await Promise.all(
      ['Бірінші', 'Екінші', 'Үшінші'].map((title) =>
        call('POST', w.teacher, url, assignmentInput({ title, materialId: own })),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of answers.filter((x) => x.statusCode === 409))
      expect(r.json().errors[0].pointer).toBe('/materialId');
    const list = (await call('GET', w.teacher, url)).json();
    expect(list.items.filter((i: { materialId: string | null }) => i.materialId === own)).toHaveLength(1);
  });
});
