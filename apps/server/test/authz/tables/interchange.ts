import { questionImages } from '../../../src/db/schema/index.ts';
import { startAttempt } from '../../../src/modules/assessment/attempts/service.ts';
import {
  category,
  enrol,
  insertQuestion,
  insertTest,
  type OfferingFixture,
  offeringFixture,
  single,
} from '../../../src/modules/assessment/testing.ts';
import type { Actor } from '../../../src/platform/policy.ts';
import { uniq } from '../../harness.ts';
import type { MatrixRow } from '../table.ts';
import type { World } from '../world.ts';

/**
 * Question import/export and test statistics (issue 7). A bank of a discipline taught in
 * the world's faculty: its teacher manages the bank and grades the test, the tutor grades.
 */
type Base = OfferingFixture & { categoryId: string; questionId: string };
const bases = new WeakMap<World, Promise<Base>>();
function base(world: World): Promise<Base> {
  let b = bases.get(world);
  if (!b) {
    b = (async () => {
      const db = world.env.ctx.db;
      const f = await offeringFixture(db, { facultyId: world.facultyId });
      const categoryId = await category(db, f.disciplineId);
      const q = await insertQuestion(db, f, categoryId, single());
      return { ...f, categoryId, questionId: q.id };
    })();
    bases.set(world, b);
  }
  return b;
}

function multipart(fields: Record<string, string>, content: string) {
  const boundary = `----matrix${uniq()}`;
  let body = '';
  for (const [k, v] of Object.entries(fields)) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  }
  body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bank.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function bankImage(w: World, disciplineId: string) {
  const f = await w.env.ctx.files.put(PNG, { name: 'ear.png', contentType: 'image/png' });
  await w.env.ctx.db.insert(questionImages).values({ fileId: f.id, disciplineId });
  return `/api/v1/question-images/${f.id}`;
}

const actorFor = (userId: string): Actor => ({
  userId,
  login: 'x',
  preferredLanguage: 'en',
  via: 'session',
  sessionId: null,
  csrfToken: null,
  tokenScopes: null,
  mustChangePassword: false,
  mustSetupTwoFactor: false,
  grants: [],
});

const bankManagers = { teacher: 200, admin: 200, anonymous: 401, suspended: 401, others: 403 };
const graders = { teacher: 200, tutor: 200, admin: 200, anonymous: 401, suspended: 401, others: 404 };

export const interchangeRows: MatrixRow[] = [
  {
    route: 'POST /api/v1/disciplines/:disciplineId/question-imports',
    cases: [
      {
        name: 'preview a GIFT file into the bank',
        request: async (w) => {
          const b = await base(w);
          return {
            url: `/api/v1/disciplines/${b.disciplineId}/question-imports`,
            ...multipart({ format: 'gift', lang: 'kk', categoryId: b.categoryId }, '::Q::Иә ма?{T}\n'),
          };
        },
        expect: bankManagers,
      },
    ],
  },
  {
    route: 'GET /api/v1/disciplines/:disciplineId/question-exports',
    cases: [
      {
        name: 'the bank as Moodle XML',
        request: async (w) => ({
          url: `/api/v1/disciplines/${(await base(w)).disciplineId}/question-exports?format=moodlexml`,
        }),
        expect: bankManagers,
      },
    ],
  },
  {
    route: 'POST /api/v1/disciplines/:disciplineId/question-images',
    cases: [
      {
        name: 'a PNG with its alt text',
        request: async (w) => {
          const b = await base(w);
          const boundary = `----matrix${uniq()}`;
          const payload = Buffer.concat([
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nМасақ\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ear.png"\r\nContent-Type: image/png\r\n\r\n`,
            ),
            PNG,
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]);
          return {
            url: `/api/v1/disciplines/${b.disciplineId}/question-images`,
            payload,
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          };
        },
        expect: { ...bankManagers, teacher: 201, admin: 201 },
      },
    ],
  },
  {
    route: 'GET /api/v1/question-images/:id',
    cases: [
      {
        name: "an image of the bank's question, in nobody's attempt",
        request: async (w) => {
          const b = await base(w);
          return { url: await bankImage(w, b.disciplineId) };
        },
        expect: graders,
      },
      {
        name: "an image in the learner's own attempt",
        request: async (w) => {
          const db = w.env.ctx.db;
          const f = await offeringFixture(db, { facultyId: w.facultyId });
          await enrol(db, f, w.users.learner.id);
          const url = await bankImage(w, f.disciplineId);
          const cat = await category(db, f.disciplineId);
          const q = await insertQuestion(
            db,
            f,
            cat,
            { type: 'truefalse', correct: true },
            { text: `<p>Бұл масақ па?</p><img src="${url}" alt="Масақ">` },
          );
          const t = await insertTest(db, f, { parts: [{ kind: 'fixed', questionId: q.id }] });
          await startAttempt(w.env.ctx, actorFor(w.users.learner.id), t.id, null, '127.0.0.1');
          return { url };
        },
        expect: { ...graders, learner: 200 },
      },
    ],
  },
  {
    route: 'GET /api/v1/tests/:id/statistics',
    cases: [
      {
        name: 'a published test',
        request: async (w) => {
          const b = await base(w);
          const t = await insertTest(w.env.ctx.db, b, {
            parts: [{ kind: 'fixed', questionId: b.questionId }],
          });
          return { url: `/api/v1/tests/${t.id}/statistics` };
        },
        expect: graders,
      },
    ],
  },
  {
    route: 'GET /api/v1/tests/:id/statistics/export',
    cases: [
      {
        name: 'as CSV',
        request: async (w) => {
          const b = await base(w);
          const t = await insertTest(w.env.ctx.db, b, {
            parts: [{ kind: 'fixed', questionId: b.questionId }],
          });
          return { url: `/api/v1/tests/${t.id}/statistics/export?format=csv` };
        },
        expect: graders,
      },
    ],
  },
];
