import { and, eq } from 'drizzle-orm';
import { unzlibSync, zipSync } from 'fflate';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import {
  contentDownloads,
  contentMaterials,
  contentWatermarkedCopies,
  files,
  notifications,
  roleAssignments,
} from '../../db/schema/index.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import { staleReminderJob } from './report.ts';
import {
  type Course,
  course,
  enrol,
  inUnit,
  multipart,
  type Person,
  person,
  samplePdf,
  teacherOf,
} from './testing.ts';
import { uploadLimits } from './upload.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});

const json = (r: { body: string }) => JSON.parse(r.body);
const post = (who: Person, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url, headers: { ...who.headers, ...headers }, payload: payload as never });
const put = (who: Person, url: string, payload: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'PUT', url, headers: { ...who.headers, ...headers }, payload: payload as never });
const get = (who: Person, url: string, headers: Record<string, string> = {}) =>
  env.app.inject({ url, headers: { ...who.headers, ...headers } });

type Cast = {
  c: Course;
  teacher: Person;
  methodologist: Person;
  reviewer: Person;
  learner: Person;
  outsider: Person;
  otherTeacher: Person;
};

async function cast(): Promise<Cast> {
  const c = await course(env.ctx.db);
  const head = await person(env, [inUnit('department_head', c.departmentId)]);
  const reviewerUser = await person(env, []);
  const appointed = await post(head, `/api/v1/departments/${c.departmentId}/content-reviewers`, {
    userId: reviewerUser.id,
  });
  expect(appointed.statusCode, appointed.body).toBe(200);
  expect(json(appointed)).toEqual({ appointed: true });
  const [grant] = await env.ctx.db
    .select()
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, reviewerUser.id));
  expect(grant).toMatchObject({ scopeType: 'org_unit', scopeId: c.departmentId });
  const nobody = await post(head, `/api/v1/departments/${c.departmentId}/content-reviewers`, {
    userId: '00000000-0000-4000-8000-000000000000',
  });
  expect(nobody.statusCode).toBe(422);
  const teacherTries = await post(
    await person(env, [teacherOf(c.offeringId)]),
    `/api/v1/departments/${c.departmentId}/content-reviewers`,
    { userId: reviewerUser.id },
  );
  expect(teacherTries.statusCode).toBe(403);
  // Grants are read at sign-in: sign the reviewer in again.
  const reviewer = await person(env, [inUnit('reviewer', c.departmentId)]);
  const learner = await person(env, ['learner'], {
    surname: 'Әбдіқадыров',
    givenName: 'Нұрсұлтан',
    preferredLanguage: 'ru',
  });
  await enrol(env.ctx.db, c.offeringId, learner.id);
  const other = await course(env.ctx.db);
  return {
    c,
    teacher: await person(env, [teacherOf(c.offeringId)]),
    methodologist: await person(env, [inUnit('methodologist', c.departmentId)]),
    reviewer,
    learner,
    outsider: await person(env, ['learner']),
    otherTeacher: await person(env, [teacherOf(other.offeringId)]),
  };
}

async function section(k: Cast, offeringId?: string) {
  const res = await post(k.teacher, `/api/v1/disciplines/${k.c.disciplineId}/content/sections`, {
    kind: 'week',
    title: { kk: '1-апта', ru: 'Неделя 1' },
    position: 1,
    ...(offeringId ? { offeringId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return json(res).id as string;
}

async function page(k: Cast, sectionId: string, html = '<h2>Топырақ</h2><p>Мәтін</p>') {
  const res = await post(k.teacher, `/api/v1/content/sections/${sectionId}/materials`, {
    kind: 'page',
    body: { kk: { title: 'Топырақ түрлері', html }, ru: { title: 'Типы почв', html: '<p>Текст</p>' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json(res);
}

async function approve(k: Cast, materialId: string) {
  expect((await post(k.teacher, `/api/v1/content/materials/${materialId}/submit`)).statusCode).toBe(200);
  const r = await post(k.reviewer, `/api/v1/content/materials/${materialId}/review`, { decision: 'approve' });
  expect(r.statusCode, r.body).toBe(200);
  return json(r);
}

describe('complex, versions and peer review', () => {
  it('a draft is invisible to learners (404) until a reviewer approves it; then they see it in their language', async () => {
    const k = await cast();
    const s = await section(k);
    const m = await page(k, s);
    expect(m.latest).toMatchObject({ versionNo: 1, status: 'draft' });
    const course1 = json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content`));
    expect(course1.sections[0].materials).toEqual([]);
    expect(
      (await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content/materials/${m.id}`)).statusCode,
    ).toBe(404);
    expect((await get(k.learner, `/api/v1/content/materials/${m.id}/versions`)).statusCode).toBe(404);

    const sent = await post(k.teacher, `/api/v1/content/materials/${m.id}/submit`);
    expect(json(sent).latest.status).toBe('in_review');
    const queue = json(await get(k.reviewer, '/api/v1/content/reviews')).items;
    expect(queue).toEqual([
      expect.objectContaining({ materialId: m.id, versionNo: 1, title: 'Топырақ түрлері', mine: false }),
    ]);
    const elsewhere = await person(env, [inUnit('reviewer', (await course(env.ctx.db)).departmentId)]);
    expect(json(await get(elsewhere, '/api/v1/content/reviews')).items).toEqual([]);
    expect((await get(k.teacher, '/api/v1/content/reviews')).statusCode).toBe(403);
    const [note] = await env.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, k.reviewer.id), eq(notifications.kind, 'content.submitted')));
    expect(note).toBeDefined();
    // In review: no edits, no approval by a teacher, no approval of one's own.
    expect(
      (
        await put(k.teacher, `/api/v1/content/materials/${m.id}`, {
          body: { kk: { title: 'x', html: '<p>x</p>' } },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await post(k.teacher, `/api/v1/content/materials/${m.id}/review`, { decision: 'approve' })).statusCode,
    ).toBe(403);
    expect(
      (await post(k.reviewer, `/api/v1/content/materials/${m.id}/review`, { decision: 'return' })).statusCode,
    ).toBe(400);
    const ok = await post(k.reviewer, `/api/v1/content/materials/${m.id}/review`, {
      decision: 'approve',
      comment: 'Жақсы',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).approvedVersionId).toBe(json(ok).latest.id);

    const seen = json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content`));
    expect(seen.as).toBe('learner');
    expect(seen.sections[0].title).toBe('Неделя 1');
    expect(seen.sections[0].materials[0]).toMatchObject({
      id: m.id,
      language: 'ru',
      title: 'Типы почв',
      languages: ['kk', 'ru'],
      isNew: true,
    });
    const kk = json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content?lang=kk`));
    expect(kk.sections[0].materials[0]).toMatchObject({ language: 'kk', title: 'Топырақ түрлері' });
  });

  it('keeps every version: a change after approval is a new draft while learners keep the approved one; compare and restore', async () => {
    const k = await cast();
    const m = await page(k, await section(k), '<p>бір</p>');
    const v1 = (await approve(k, m.id)).latest;
    const stale = await put(
      k.teacher,
      `/api/v1/content/materials/${m.id}`,
      { body: { kk: { title: 'Т', html: '<p>екі</p>' } } },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(409);
    const cur = json(await get(k.teacher, `/api/v1/disciplines/${k.c.disciplineId}/content`)).sections[0]
      .materials[0];
    const edited = await put(
      k.teacher,
      `/api/v1/content/materials/${m.id}`,
      { body: { kk: { title: 'Т', html: '<p>бір</p>\n<p>екі</p>' } } },
      { 'if-match': `"${cur.version}"` },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(json(edited).latest).toMatchObject({ versionNo: 2, status: 'draft' });
    const learnerView = json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content?lang=kk`));
    expect(learnerView.sections[0].materials[0].html).toBe('<p>бір</p>');
    const teacherView = json(await get(k.teacher, `/api/v1/offerings/${k.c.offeringId}/content?lang=kk`));
    expect(teacherView.sections[0].materials[0]).toMatchObject({
      html: '<p>бір</p>\n<p>екі</p>',
      status: 'draft',
    });

    const versions = json(await get(k.teacher, `/api/v1/content/materials/${m.id}/versions`)).items;
    expect(versions.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([
      [2, 'draft'],
      [1, 'approved'],
    ]);
    const diff = json(
      await get(
        k.teacher,
        `/api/v1/content/materials/${m.id}/versions/compare?a=${v1.id}&b=${versions[0].id}`,
      ),
    );
    const html = diff.changes.find(
      (c: { language: string; field: string }) => c.language === 'kk' && c.field === 'html',
    );
    expect(html.lines).toEqual([
      { op: ' ', text: '<p>бір</p>' },
      { op: '+', text: '<p>екі</p>' },
    ]);
    expect(diff.changes.some((c: { language: string }) => c.language === 'ru')).toBe(true);

    const restored = await post(k.teacher, `/api/v1/content/materials/${m.id}/versions/${v1.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(json(restored).latest).toMatchObject({ versionNo: 2, status: 'draft', restoredFrom: v1.id });
    expect(json(restored).latest.body.kk.html).toBe('<p>бір</p>');
    // Returned with comments: the next change starts version 3 and the returned one is kept.
    await post(k.teacher, `/api/v1/content/materials/${m.id}/submit`);
    const back = await post(k.reviewer, `/api/v1/content/materials/${m.id}/review`, {
      decision: 'return',
      comment: 'Әдебиет тізімін қосыңыз',
    });
    expect(json(back).latest).toMatchObject({ status: 'returned', reviewComment: 'Әдебиет тізімін қосыңыз' });
    const v3 = await put(k.teacher, `/api/v1/content/materials/${m.id}`, {
      body: { kk: { title: 'Т', html: '<p>үш</p>' } },
    });
    expect(json(v3).latest.versionNo).toBe(3);
    expect(json(await get(k.teacher, `/api/v1/content/materials/${m.id}/versions`)).items).toHaveLength(3);
  });

  it('lets teachers of the discipline and department methodologists edit; not a teacher of another discipline, a learner or a reviewer', async () => {
    const k = await cast();
    const s = await section(k);
    const body = { kind: 'link', body: { en: { title: 'Video', url: 'https://example.org/v' } } };
    expect((await post(k.methodologist, `/api/v1/content/sections/${s}/materials`, body)).statusCode).toBe(
      201,
    );
    const byOther = await post(
      await person(env, [teacherOf(k.c.otherOfferingId)]),
      `/api/v1/content/sections/${s}/materials`,
      body,
    );
    expect(byOther.statusCode).toBe(201);
    expect((await post(k.otherTeacher, `/api/v1/content/sections/${s}/materials`, body)).statusCode).toBe(
      403,
    );
    expect((await post(k.learner, `/api/v1/content/sections/${s}/materials`, body)).statusCode).toBe(403);
    expect((await post(k.reviewer, `/api/v1/content/sections/${s}/materials`, body)).statusCode).toBe(403);
    expect((await get(k.otherTeacher, `/api/v1/disciplines/${k.c.disciplineId}/content`)).statusCode).toBe(
      403,
    );
    const m = await page(k, s);
    expect(
      (
        await put(k.otherTeacher, `/api/v1/content/materials/${m.id}`, {
          body: { kk: { title: 'x', html: '<p>x</p>' } },
        })
      ).statusCode,
    ).toBe(404);
    const bad = await post(k.teacher, `/api/v1/content/sections/${s}/materials`, {
      kind: 'link',
      body: { kk: { title: 'x', url: 'javascript:alert(1)' } },
    });
    expect(bad.statusCode).toBe(400);
    const wrongKind = await post(k.teacher, `/api/v1/content/sections/${s}/materials`, {
      kind: 'page',
      body: { kk: { title: 'x', url: 'https://a.kz' } },
    });
    expect(wrongKind.statusCode).toBe(422);
  });

  it('two reviewers deciding at once: one decision wins, the other is told it is no longer in review (409)', async () => {
    const k = await cast();
    const m = await page(k, await section(k));
    await post(k.teacher, `/api/v1/content/materials/${m.id}/submit`);
    const second = await person(env, [inUnit('reviewer', k.c.departmentId)]);
    const answers = await Promise.all([
      post(k.reviewer, `/api/v1/content/materials/${m.id}/review`, { decision: 'approve' }),
      post(second, `/api/v1/content/materials/${m.id}/review`, { decision: 'return', comment: 'Жоқ' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const versions = json(await get(k.teacher, `/api/v1/content/materials/${m.id}/versions`)).items;
    expect(versions).toHaveLength(1);
    expect(['approved', 'returned']).toContain(versions[0].status);
  });

  it('shows an offering-only section to that offering and not to the other stream', async () => {
    const k = await cast();
    const own = await section(k, k.c.offeringId);
    const m = await page(k, own);
    await approve(k, m.id);
    const other = await person(env, ['learner']);
    await enrol(env.ctx.db, k.c.otherOfferingId, other.id);
    expect(
      json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content`)).sections.map(
        (s: { id: string }) => s.id,
      ),
    ).toContain(own);
    expect(json(await get(other, `/api/v1/offerings/${k.c.otherOfferingId}/content`)).sections).toEqual([]);
    expect(
      (await get(other, `/api/v1/offerings/${k.c.otherOfferingId}/content/materials/${m.id}`)).statusCode,
    ).toBe(404);
  });
});

describe('rich text sanitization', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<svg onload=alert(1)><circle/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<form action="https://evil.example"><input name=x></form>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<div onmouseover="alert(1)">x</div>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<span class="math-inline" onclick="alert(1)" data-latex="x^2">x^2</span>',
    '<a href="//evil.example">x</a>',
    '"><script>alert(1)</script>',
  ];
  it('stores none of a corpus of XSS payloads, and keeps headings, tables, safe links and images and formulas', async () => {
    const k = await cast();
    const s = await section(k);
    for (const p of payloads) {
      const res = await post(k.teacher, `/api/v1/content/sections/${s}/materials`, {
        kind: 'page',
        body: { en: { title: 't', html: `<p>ok</p>${p}` } },
      });
      expect(res.statusCode, res.body).toBe(201);
      const html: string = json(res).latest.body.en.html;
      expect(html, p).not.toMatch(
        /<script|onerror|onload|onclick|onmouseover|javascript:|<iframe|<object|<form|<svg|<base|<meta|style=|data:|href="\/\//i,
      );
    }
    const good =
      '<h2>Формула</h2><table><tbody><tr><td>a</td></tr></tbody></table><a href="https://katu.kz">сілтеме</a><img src="https://katu.kz/a.png" alt="сурет"><span class="math-inline" data-latex="\\frac{a}{b}">\\frac{a}{b}</span>';
    const res = await post(k.teacher, `/api/v1/content/sections/${s}/materials`, {
      kind: 'page',
      body: { kk: { title: 't', html: good } },
    });
    const html: string = json(res).latest.body.kk.html;
    expect(html).toContain('<h2>Формула</h2>');
    expect(html).toContain('<td>a</td>');
    expect(html).toContain('href="https://katu.kz"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain(
      '<img src="https://katu.kz/a.png" alt="сурет" referrerpolicy="no-referrer" loading="lazy" />',
    );
    // The page's policy lets such https images show (and no plain http ones).
    const csp = (await get(k.learner, '/api/health')).headers['content-security-policy'] as string;
    expect(csp).toMatch(/img-src 'self' data: blob: https:(;|$)/);
    expect(html).toContain('<span class="math-inline" data-latex="\\frac{a}{b}">\\frac{a}{b}</span>');
  });
});

/** Text drawn with an embedded font, read back through the font's ToUnicode map. */
async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const streams: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const filter = obj.dict.get(PDFName.of('Filter'));
    const raw = filter?.toString() === '/FlateDecode' ? unzlibSync(obj.contents) : obj.contents;
    streams.push(Buffer.from(raw).toString('latin1'));
  }
  const map = new Map<string, string>();
  for (const s of streams.filter((x) => x.includes('beginbfchar'))) {
    for (const m of s.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
      const u = m[2]!
        .match(/.{4}/g)!
        .map((h) => String.fromCharCode(Number.parseInt(h, 16)))
        .join('');
      map.set(m[1]!.toLowerCase(), u);
    }
  }
  let out = '';
  for (const s of streams) {
    for (const m of s.matchAll(/<([0-9a-fA-F]+)>\s*Tj/g)) {
      out += m[1]!
        .match(/.{4}/g)!
        .map((g) => map.get(g.toLowerCase()) ?? '?')
        .join('');
    }
  }
  return out;
}

describe('files, terms and watermarked downloads', () => {
  async function pdfMaterial(k: Cast) {
    const up = multipart('Оқулық.pdf', await samplePdf(3));
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/content/files',
      headers: { ...k.teacher.headers, 'content-type': up.contentType },
      payload: up.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = json(res);
    expect(file).toMatchObject({ contentType: 'application/pdf', name: 'Оқулық.pdf' });
    const m = await post(k.teacher, `/api/v1/content/sections/${await section(k)}/materials`, {
      kind: 'textbook',
      body: { kk: { title: 'Оқулық', fileId: file.id, toc: [{ title: 'Кіріспе', page: 1 }] } },
    });
    expect(m.statusCode, m.body).toBe(201);
    return { materialId: json(m).id as string, fileId: file.id as string };
  }

  it('serves a learner a watermarked copy (name, ID, time; Kazakh letters intact) after the terms, once made and kept; every download logged; ranges work', async () => {
    const k = await cast();
    const { materialId } = await pdfMaterial(k);
    const url = `/api/v1/offerings/${k.c.offeringId}/content/materials/${materialId}/file`;
    expect((await get(k.learner, url)).statusCode).toBe(404); // not approved yet
    await approve(k, materialId);
    const before = await get(k.learner, url);
    expect(before.statusCode).toBe(422);
    expect(json(before).type).toBe('/problems/terms-not-accepted');
    expect((await post(k.learner, `/api/v1/offerings/${k.c.offeringId}/content/terms`)).statusCode).toBe(200);
    expect((await post(k.learner, `/api/v1/offerings/${k.c.offeringId}/content/terms`)).statusCode).toBe(200);
    expect(json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content`)).termsAccepted).toBe(
      true,
    );

    const res = await get(k.learner, url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Әбдіқадыров Нұрсұлтан');
    expect(text).toContain(`ID ${k.learner.login}`);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+5\)/);
    expect((await PDFDocument.load(res.rawPayload)).getPageCount()).toBe(3);

    const part = await get(k.learner, url, { range: 'bytes=0-99' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${res.rawPayload.length}`);
    expect(part.rawPayload.equals(res.rawPayload.subarray(0, 100))).toBe(true);
    expect((await get(k.learner, url, { range: `bytes=${res.rawPayload.length + 10}-` })).statusCode).toBe(
      416,
    );

    const copies = await env.ctx.db
      .select()
      .from(contentWatermarkedCopies)
      .where(eq(contentWatermarkedCopies.userId, k.learner.id));
    expect(copies).toHaveLength(1);
    const log = await env.ctx.db
      .select()
      .from(contentDownloads)
      .where(eq(contentDownloads.userId, k.learner.id));
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect(log.every((l) => l.watermarked && l.materialId === materialId)).toBe(true);

    // Not enrolled: 403; enrolment removed: 403 as well.
    expect((await get(k.outsider, url)).statusCode).toBe(403);
    const gone = await person(env, ['learner']);
    await enrol(env.ctx.db, k.c.offeringId, gone.id, 'removed');
    expect((await get(gone, url)).statusCode).toBe(403);
    // The teacher gets the original.
    const orig = await get(k.teacher, url);
    expect(orig.statusCode).toBe(200);
    expect(await pdfText(orig.rawPayload)).toBe('');
  });

  it('refuses a file whose content does not match its name, an unknown type, a zip bomb or escaping paths, and an oversize file; nothing is kept', async () => {
    const k = await cast();
    const upload = (name: string, content: Buffer) => {
      const up = multipart(name, content);
      return env.app.inject({
        method: 'POST',
        url: '/api/v1/content/files',
        headers: { ...k.teacher.headers, 'content-type': up.contentType },
        payload: up.payload,
      });
    };
    expect((await upload('notes.pdf', Buffer.from('<html><script>alert(1)</script>'))).statusCode).toBe(415);
    expect((await upload('run.exe', Buffer.from('MZ....'))).statusCode).toBe(415);
    const docx = zipSync({
      '[Content_Types].xml': new Uint8Array(10),
      'word/document.xml': new Uint8Array(10),
    });
    expect((await upload('ok.docx', Buffer.from(docx))).statusCode).toBe(201);
    expect((await upload('ok.xlsx', Buffer.from(docx))).statusCode).toBe(415);
    const escaping = zipSync({
      '[Content_Types].xml': new Uint8Array(1),
      'word/../../etc/x': new Uint8Array(1),
    });
    expect((await upload('bad.docx', Buffer.from(escaping))).statusCode).toBe(422);
    const savedUnpacked = uploadLimits.maxUnpackedBytes;
    uploadLimits.maxUnpackedBytes = 100_000;
    try {
      const bomb = zipSync(
        { '[Content_Types].xml': new Uint8Array(1), 'word/a.xml': new Uint8Array(200_000) },
        { level: 9 },
      );
      expect(bomb.length).toBeLessThan(5000);
      expect((await upload('bomb.docx', Buffer.from(bomb))).statusCode).toBe(422);
    } finally {
      uploadLimits.maxUnpackedBytes = savedUnpacked;
    }
    const saved = env.config.uploadMaxMb;
    env.config.uploadMaxMb = 1;
    try {
      const big = await upload(
        'big.pdf',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024 + 10)]),
      );
      expect(big.statusCode).toBe(413);
      expect(big.json().detail).toBe('The file is too large: at most 1 MB.');
    } finally {
      env.config.uploadMaxMb = saved;
    }
    expect((await upload('x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]))).statusCode).toBe(201);
    // Larger than the request body limit: uploads stream past it.
    const big = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(3 * 1024 * 1024)]);
    expect((await upload('big.png', big)).statusCode).toBe(201);
    // Only the accepted files (the DOCX and the PNG) were kept.
    const kept = await env.ctx.db.select().from(files).where(eq(files.createdBy, k.teacher.id));
    expect(kept.map((f) => f.name).sort()).toEqual(['big.png', 'ok.docx', 'x.png']);
    const learner = multipart('x.pdf', await samplePdf(1));
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/content/files',
          headers: { ...k.learner.headers, 'content-type': learner.contentType },
          payload: learner.payload,
        })
      ).statusCode,
    ).toBe(403);
    // Another teacher's upload cannot be attached.
    const up = multipart('Оқулық.pdf', await samplePdf(1));
    const theirs = json(
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/content/files',
        headers: { ...k.methodologist.headers, 'content-type': up.contentType },
        payload: up.payload,
      }),
    );
    const steal = await post(k.teacher, `/api/v1/content/sections/${await section(k)}/materials`, {
      kind: 'file',
      body: { kk: { title: 'x', fileId: theirs.id } },
    });
    expect(steal.statusCode).toBe(422);
  });
});

describe('progress, view counts, announcements', () => {
  it('counts opening, lets the learner tick items done, shows teachers view counts, and marks new items since the last visit', async () => {
    const k = await cast();
    const s = await section(k);
    const a = await page(k, s);
    await approve(k, a.id);
    const base = `/api/v1/offerings/${k.c.offeringId}/content`;
    const first = json(await get(k.learner, base));
    expect(first.progress).toEqual({ total: 1, opened: 0, done: 0 });
    expect((await get(k.learner, `${base}/materials/${a.id}`)).statusCode).toBe(200);
    await get(k.learner, `${base}/materials/${a.id}`);
    const done = await post(k.learner, `${base}/materials/${a.id}/done`, { done: true });
    expect(json(done)).toEqual({ opened: true, done: true });
    expect((await post(k.teacher, `${base}/materials/${a.id}/done`, { done: true })).statusCode).toBe(403);
    const after = json(await get(k.learner, base));
    expect(after.progress).toEqual({ total: 1, opened: 1, done: 1 });
    const teacherView = json(await get(k.teacher, base));
    expect(teacherView.as).toBe('staff');
    expect(teacherView.sections[0].materials[0].views).toEqual({ learners: 1, total: 2 });

    // Last visit long ago: a material approved since then is new, an older one is not.
    const { contentVisits } = await import('../../db/schema/index.ts');
    const past = new Date(Date.now() - 3 * 86_400_000);
    await env.ctx.db
      .update(contentVisits)
      .set({ lastVisitAt: past, previousVisitAt: null })
      .where(eq(contentVisits.userId, k.learner.id));
    await env.ctx.db
      .update(contentMaterials)
      .set({ lastApprovedAt: new Date(Date.now() - 5 * 86_400_000) })
      .where(eq(contentMaterials.id, a.id));
    const b = await page(k, s);
    await approve(k, b.id);
    const again = json(await get(k.learner, base));
    const flags = Object.fromEntries(
      again.sections[0].materials.map((m: { id: string; isNew: boolean }) => [m.id, m.isNew]),
    );
    expect(flags).toEqual({ [a.id]: false, [b.id]: true });
    expect(again.lastVisitAt).toBe(past.toISOString());
  });

  it('an announcement appears on the course page and reaches enrolled learners as a notification', async () => {
    const k = await cast();
    const res = await post(k.teacher, `/api/v1/offerings/${k.c.offeringId}/announcements`, {
      title: 'Консультация',
      body: '<p>Сейсенбі 15:00</p><script>x</script>',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).body).toBe('<p>Сейсенбі 15:00</p>');
    expect(
      (await post(k.learner, `/api/v1/offerings/${k.c.offeringId}/announcements`, { title: 'x', body: 'y' }))
        .statusCode,
    ).toBe(403);
    const page1 = json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content`));
    expect(page1.announcements[0].title).toBe('Консультация');
    const list = json(await get(k.learner, '/api/v1/notifications'));
    expect(list.items[0].text).toBe('Объявление по дисциплине Растениеводство: Консультация');
  });
});

describe('yearly update report and reminders', () => {
  it('lists materials not approved for 12 months per department and teacher, within the head’s department; reminds the teacher', async () => {
    const k = await cast();
    const s = await section(k);
    const old = await page(k, s);
    await approve(k, old.id);
    const fresh = await page(k, s);
    await approve(k, fresh.id);
    const never = await page(k, s);
    await env.ctx.db
      .update(contentMaterials)
      .set({ lastApprovedAt: new Date(Date.now() - 400 * 86_400_000) })
      .where(eq(contentMaterials.id, old.id));
    const head = await person(env, [inUnit('department_head', k.c.departmentId)]);
    const report = json(await get(head, '/api/v1/content/reports/stale'));
    expect(report.departments).toHaveLength(1);
    const ids = report.departments[0].teachers.flatMap((t: { materials: Array<{ id: string }> }) =>
      t.materials.map((m) => m.id),
    );
    expect(ids.sort()).toEqual([old.id, never.id].sort());
    expect(report.departments[0].teachers[0].userId).toBe(k.teacher.id);
    const otherHead = await person(env, [inUnit('department_head', (await course(env.ctx.db)).departmentId)]);
    expect(
      (await get(otherHead, `/api/v1/content/reports/stale?departmentId=${k.c.departmentId}`)).statusCode,
    ).toBe(403);
    expect((await get(k.teacher, '/api/v1/content/reports/stale')).statusCode).toBe(403);
    const director = await person(env, ['dl_institute_director']);
    const all = json(await get(director, `/api/v1/content/reports/stale?departmentId=${k.c.departmentId}`));
    expect(all.departments[0].departmentId).toBe(k.c.departmentId);

    const runner = createJobRunner(env.ctx, { kinds: [staleReminderJob.kind] });
    const { enqueueJob } = await import('../../platform/jobs.ts');
    await enqueueJob(env.ctx.db, staleReminderJob, {});
    await runner.runOnce();
    const reminders = await env.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, k.teacher.id), eq(notifications.kind, 'content.stale')));
    expect(reminders).toHaveLength(2);
    await enqueueJob(env.ctx.db, staleReminderJob, {});
    await runner.runOnce();
    const again = await env.ctx.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, k.teacher.id), eq(notifications.kind, 'content.stale')));
    expect(again).toHaveLength(2);
  });
});

describe('demo complex', () => {
  it('gives the demo course an approved complex in Kazakh and Russian that an enrolled learner sees', async () => {
    const k = await cast();
    const { seedDemoContent } = await import('./demo.ts');
    const made = await env.ctx.db.transaction((tx) =>
      seedDemoContent(tx, {
        disciplineId: k.c.disciplineId,
        authorId: k.teacher.id,
        reviewerId: k.reviewer.id,
      }),
    );
    expect(made).toEqual({ sections: 3, materials: 6 });
    const pageKk = json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content?lang=kk`));
    expect(pageKk.sections.map((s: { title: string }) => s.title)).toEqual([
      'Силлабус',
      '1-апта. Дәнді дақылдар',
      '2-апта. Бұршақ тұқымдас дақылдар',
    ]);
    expect(pageKk.progress.total).toBe(6);
    const pageRu = json(await get(k.learner, `/api/v1/offerings/${k.c.offeringId}/content`));
    expect(pageRu.sections[1].materials[0].title).toBe('Лекция: биологические особенности пшеницы');
    expect(pageRu.sections[1].materials[0].html).toContain('data-latex');
  });
});
