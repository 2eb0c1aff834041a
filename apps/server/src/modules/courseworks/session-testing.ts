/** Helpers for the course-work API tests: calls as a person, a working course work, admission. */
import { expect } from 'vitest';
import type { TestEnv } from '../../../test/harness.ts';
import { courseWorkWorld, title, type Who } from './testing.ts';

export type World = Awaited<ReturnType<typeof courseWorkWorld>>;

export function cwClient(env: TestEnv) {
  const json = (res: { body: string }) => JSON.parse(res.body);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', who: Who, url: string, payload?: unknown) =>
    env.app.inject({ method, url, headers: who.headers, payload: payload as never });
  const at = (iso: string) => {
    env.ctx.clock.now = () => new Date(iso);
  };
  const base = (w: World) => `/api/v1/offerings/${w.offeringId}/course-work`;
  const publish = async (w: World, supervisors: Who[]) => {
    const res = await call('POST', w.head, `${base(w)}/topics`, {
      topics: supervisors.map((s, i) => ({ title: title(`Topic ${i + 1}`), supervisorId: s.id })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return json(res).items as Array<{ id: string }>;
  };
  /**
   * A course work of year `y` (trimester from 1 Sep, session from 23 Nov) on 5 Sep with the
   * milestones set; topics of `supervisor` (and `supervisor2`), taken first come or by approval.
   */
  const working = async (y: string, choiceMode: 'first_come' | 'approval' = 'first_come') => {
    const w = await courseWorkWorld(env, `${y}-09-01`);
    at(`${y}-09-05T06:00:00Z`);
    await call('PUT', w.head, `${base(w)}/settings`, { choiceMode, allowOwnTopics: true });
    const topics = await publish(w, [w.supervisor, w.supervisor, w.supervisor2]);
    const set = await call('PUT', w.head, `${base(w)}/milestones`, {
      milestones: [
        { kind: 'outline', title: title('Outline'), dueOn: `${y}-09-20` },
        { kind: 'final', title: title('Final version'), dueOn: `${y}-11-15` },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    return { w, topics, ms: json(set).milestones as Array<{ id: string; kind: string }> };
  };
  /** The learner takes the topic (first come), hands in the final version and is recommended. */
  const admit = async (
    w: World,
    ms: Array<{ id: string; kind: string }>,
    learner: Who,
    topicId: string,
    supervisor: Who = w.supervisor,
  ) => {
    expect((await call('POST', learner, `${base(w)}/choices`, { topicId })).statusCode).toBe(201);
    const final = ms.find((m) => m.kind === 'final')!.id;
    const h = await call('POST', learner, `${base(w)}/milestones/${final}/hand-ins`, { note: 'Final text' });
    expect(h.statusCode, h.body).toBe(201);
    const r = await call('POST', supervisor, `${base(w)}/learners/${learner.id}/recommendation`);
    expect(r.statusCode, r.body).toBe(200);
  };
  return { json, call, at, base, publish, working, admit };
}
