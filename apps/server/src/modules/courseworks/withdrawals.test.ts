import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../test/harness.ts';
import { auditLedger, notifications } from '../../db/schema/index.ts';
import { cwClient } from './session-testing.ts';
import { courseWorkUnderWay, type Who } from './testing.ts';

let env: TestEnv;
let c: ReturnType<typeof cwClient>;
beforeAll(async () => {
  env = await testEnv();
  c = cwClient(env);
});
afterEach(() => {
  env.ctx.clock.now = () => new Date();
});

const ledger = (action: string, subjectId: string) =>
  env.ctx.db
    .select()
    .from(auditLedger)
    .where(and(eq(auditLedger.action, action), eq(auditLedger.subjectId, subjectId)));
const notes = (userId: string, kind: string) =>
  env.ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

describe('withdrawal from a topic', () => {
  it('before the supervisor accepts, the learner withdraws at once and the topic is free again', async () => {
    const { json, call, base, working } = c;
    const { w, topics } = await working('2095', 'approval');
    const [l0, l1] = w.learners;
    const pick = json(await call('POST', l0!, `${base(w)}/choices`, { topicId: topics[0]!.id }));
    expect(pick.status).toBe('pending');
    expect(json(await call('GET', l0!, base(w))).withdrawal).toBe('immediate');
    const withdraw = (who: Who, payload: unknown = { reason: 'I chose the wrong topic' }) =>
      call('POST', who, `/api/v1/course-work-choices/${pick.id}/withdrawal`, payload);
    expect((await withdraw(l0!, { reason: '  ' })).statusCode).toBe(400);
    expect((await withdraw(l1!)).statusCode).toBe(404);
    expect((await withdraw(w.supervisor)).statusCode).toBe(403);
    const done = await withdraw(l0!);
    expect(done.statusCode, done.body).toBe(200);
    expect(json(done)).toMatchObject({
      status: 'withdrawn',
      withdrawal: { status: 'approved', reason: 'I chose the wrong topic' },
    });
    expect((await withdraw(l0!)).statusCode).toBe(409);
    expect(await ledger('courseWork.topic.withdraw', pick.id)).toHaveLength(1);
    expect(await notes(w.supervisor.id, 'courseworks.withdrawn')).toHaveLength(1);
    const view = json(await call('GET', l1!, base(w)));
    expect(view.topics[0].availability).toBe('free');
    // Another learner takes it; the first may choose again.
    expect((await call('POST', l1!, `${base(w)}/choices`, { topicId: topics[0]!.id })).statusCode).toBe(201);
    const again = await call('POST', l0!, `${base(w)}/choices`, { topicId: topics[1]!.id });
    expect(again.statusCode, again.body).toBe(201);
    expect(json(await call('GET', l0!, base(w))).myChoice.status).toBe('pending');
  });

  it('first come, first served: free to leave until work is handed in, then only by request', async () => {
    const { json, call, base, working, at } = c;
    const { w, topics, ms } = await working('2095', 'first_come');
    const l0 = w.learners[0]!;
    const taken = json(await call('POST', l0, `${base(w)}/choices`, { topicId: topics[0]!.id }));
    expect(taken.status).toBe('accepted');
    expect(json(await call('GET', l0, base(w))).withdrawal).toBe('immediate');
    await call('POST', l0, `${base(w)}/milestones/${ms[0]!.id}/hand-ins`, { note: 'Outline' });
    expect(json(await call('GET', l0, base(w))).withdrawal).toBe('request');
    const asked = await call('POST', l0, `/api/v1/course-work-choices/${taken.id}/withdrawal`, {
      reason: 'Moving to another topic',
    });
    expect(json(asked)).toMatchObject({ status: 'accepted', withdrawal: { status: 'pending' } });
    const approved = await call(
      'POST',
      w.supervisor,
      `/api/v1/course-work-withdrawals/${json(asked).withdrawal.id}/decision`,
      {
        approve: true,
      },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    // On the next topic the milestones start afresh; the earlier hand-in is kept, not counted.
    at('2095-09-06T06:00:00Z');
    const next = json(await call('POST', l0, `${base(w)}/choices`, { topicId: topics[1]!.id }));
    expect(next.status).toBe('accepted');
    const view = json(await call('GET', l0, `${base(w)}/learners/${l0.id}`));
    expect(view.milestones.map((m: { state: string }) => m.state)).toEqual(['not_started', 'not_started']);
    const progress = json(await call('GET', w.head, `${base(w)}/progress`));
    const row = progress.rows.find((r: { learner: { id: string } }) => r.learner.id === l0.id);
    expect(row.milestones[0].state).toBe('not_started');
    expect(json(await call('GET', l0, base(w))).withdrawal).toBe('immediate');
  });

  it('after acceptance: a request the supervisor or the head decides; the freed topic goes to one of two racing learners', async () => {
    const { json, call, base, working, at } = c;
    const { w, topics } = await working('2095', 'approval');
    const [l0, l1, l2] = w.learners;
    const pick = json(await call('POST', l0!, `${base(w)}/choices`, { topicId: topics[0]!.id }));
    await call('POST', w.supervisor, `/api/v1/course-work-choices/${pick.id}/decision`, { accept: true });
    expect(json(await call('GET', l0!, base(w))).withdrawal).toBe('request');
    const ask = () =>
      call('POST', l0!, `/api/v1/course-work-choices/${pick.id}/withdrawal`, { reason: 'Health reasons' });
    const asked = await ask();
    expect(asked.statusCode, asked.body).toBe(200);
    expect(json(asked)).toMatchObject({
      status: 'accepted',
      withdrawal: { status: 'pending', reason: 'Health reasons' },
    });
    const twice = await ask();
    expect(twice.statusCode).toBe(409);
    expect(json(twice).type).toContain('withdrawal-pending');
    expect(await notes(w.supervisor.id, 'courseworks.withdrawalRequested')).toHaveLength(1);
    // The department head, who may decide too, is told; another department's head is not.
    expect(await notes(w.head.id, 'courseworks.withdrawalRequested')).toHaveLength(1);
    expect(await notes(w.otherHead.id, 'courseworks.withdrawalRequested')).toHaveLength(0);
    // Still held meanwhile.
    expect((await call('POST', l1!, `${base(w)}/choices`, { topicId: topics[0]!.id })).statusCode).toBe(409);
    const request = json(asked).withdrawal.id as string;
    const decide = (who: Who, payload: unknown) =>
      call('POST', who, `/api/v1/course-work-withdrawals/${request}/decision`, payload);
    // supervisor2 supervises another topic here: not theirs to decide.
    expect((await decide(w.supervisor2, { approve: true })).statusCode).toBe(403);
    expect((await decide(l0!, { approve: true })).statusCode).toBe(404);
    expect((await decide(w.deansOffice, { approve: true })).statusCode).toBe(403);
    expect((await decide(w.supervisor, { approve: false })).statusCode).toBe(400);
    const declined = await decide(w.supervisor, { approve: false, comment: 'Talk to me first' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(json(declined)).toMatchObject({
      status: 'accepted',
      withdrawal: { status: 'declined', comment: 'Talk to me first' },
    });
    expect((await decide(w.supervisor, { approve: true })).statusCode).toBe(409);
    expect(await notes(l0!.id, 'courseworks.withdrawalDeclined')).toHaveLength(1);

    // Asked again; the department head approves.
    const second = json(await ask()).withdrawal.id as string;
    const approved = await call('POST', w.head, `/api/v1/course-work-withdrawals/${second}/decision`, {
      approve: true,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json(approved)).toMatchObject({ status: 'withdrawn', withdrawal: { status: 'approved' } });
    expect(await ledger('courseWork.withdrawal.request', pick.id)).toHaveLength(2);
    expect(await ledger('courseWork.withdrawal.decline', pick.id)).toHaveLength(1);
    expect(await ledger('courseWork.withdrawal.approve', pick.id)).toHaveLength(1);
    expect(await notes(l0!.id, 'courseworks.withdrawalApproved')).toHaveLength(1);

    // The freed topic, first come, first served: two learners at once, exactly one wins.
    at('2095-09-20T06:00:00Z');
    await call('PUT', w.head, `${base(w)}/settings`, { choiceMode: 'first_come', allowOwnTopics: true });
    const race = await Promise.all(
      [l1!, l2!].map((l) => call('POST', l, `${base(w)}/choices`, { topicId: topics[0]!.id })),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(json(race.find((r) => r.statusCode === 409)!).type).toContain('topic-taken');
    const head = json(await call('GET', w.head, base(w)));
    const holders = head.choices.filter(
      (x: { topicId: string; status: string }) => x.topicId === topics[0]!.id && x.status === 'accepted',
    );
    expect(holders).toHaveLength(1);
  });

  it('an approved withdrawal releases the defence slot; after the defence is graded there is no withdrawal', async () => {
    const { json, call, at } = c;
    for (const graded of [false, true]) {
      const u = await courseWorkUnderWay(env, graded ? '2096-09-01' : '2097-09-01');
      const y = graded ? '2096' : '2097';
      const base = `/api/v1/offerings/${u.offeringId}/course-work`;
      const l0 = u.learners[0]!;
      at(`${y}-11-10T06:00:00Z`);
      const asked = await call('POST', l0, `/api/v1/course-work-choices/${u.acceptedChoiceId}/withdrawal`, {
        reason: 'Transferring',
      });
      expect(asked.statusCode, asked.body).toBe(200);
      const request = json(asked).withdrawal.id;
      if (graded) {
        at(`${y}-11-25T06:00:00Z`);
        const g = await call('PUT', u.member, `/api/v1/course-work-defences/${u.defenceId}/grade`, {
          score: 80,
        });
        expect(g.statusCode, g.body).toBe(200);
      }
      const res = await call('POST', u.supervisor, `/api/v1/course-work-withdrawals/${request}/decision`, {
        approve: true,
      });
      const sessions = json(await call('GET', u.head, `${base}/defences`)).items;
      const view = json(await call('GET', u.head, base));
      const choice = view.choices.find((x: { id: string }) => x.id === u.acceptedChoiceId);
      if (graded) {
        expect(res.statusCode).toBe(409);
        expect(json(res).type).toContain('defence-graded');
        expect(choice).toMatchObject({ status: 'accepted', withdrawal: { status: 'pending' } });
        expect(sessions[0].defences).toHaveLength(1);
      } else {
        expect(res.statusCode, res.body).toBe(200);
        expect(choice.status).toBe('withdrawn');
        expect(sessions[0].defences).toEqual([]);
        expect(view.topics[0].availability).toBe('free');
      }
    }
  });
});
