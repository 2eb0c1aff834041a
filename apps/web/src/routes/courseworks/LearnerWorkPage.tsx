import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, fieldErrors, get, post, put } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatTime } from '../academics/shared.tsx';
import { MilestoneCard } from './MilestoneCard.tsx';
import {
  almatyInstant,
  almatyLocal,
  ChoiceBadge,
  cwKeys,
  cwUrl,
  type DefenceDto,
  defencesQuery,
  type LearnerCourseWorkDto,
  useLocalized,
} from './shared.tsx';

/** One learner's course work: the topic, each milestone's hand-ins and consultation, admission and defence. */
export function LearnerWorkPage({ offeringId, learnerId }: { offeringId: string; learnerId: string }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const { data, error } = useQuery({
    queryKey: cwKeys.learner(offeringId, learnerId),
    queryFn: () => get<LearnerCourseWorkDto>(`${cwUrl(offeringId)}/learners/${learnerId}`),
  });
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  return (
    <Stack>
      <PageHeader title={t('courseworks.work.title', { name: data.learner.name })}>
        <AnchorLink to="/course-works/$offeringId" params={{ offeringId }}>
          {t('courseworks.work.back')}
        </AnchorLink>
      </PageHeader>
      {data.choice && (
        <Group gap="xs">
          <Text fw={600}>{name(data.choice.title)}</Text>
          <ChoiceBadge status={data.choice.status} />
          <Text size="sm">{t('courseworks.learner.supervisor', { name: data.choice.supervisor.name })}</Text>
        </Group>
      )}
      {data.milestones.length === 0 && <Text>{t('courseworks.work.noMilestones')}</Text>}
      {data.milestones.map((m) => (
        <MilestoneCard key={m.id} work={data} m={m} />
      ))}
      <DefenceCard work={data} />
    </Stack>
  );
}

function DefenceCard({ work }: { work: LearnerCourseWorkDto }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const d = work.defence;
  const recommend = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`${cwUrl(work.offeringId)}/learners/${work.learner.id}/recommendation`);
      await qc.invalidateQueries({ queryKey: cwKeys.learner(work.offeringId, work.learner.id) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="cw-defence">
      <Title order={2} size="h4" id="cw-defence" mb="sm">
        {t('courseworks.defence.title')}
      </Title>
      <Stack gap="sm">
        <Text>
          {work.admitted ? t('courseworks.defence.admitted') : t('courseworks.defence.notAdmitted')}
        </Text>
        {work.choice?.recommended && <Text size="sm">{t('courseworks.defence.recommended')}</Text>}
        <FormAlert error={error} />
        {work.canRecommend && !work.choice?.recommended && (
          <Group>
            <Button onClick={() => void recommend()} loading={busy}>
              {t('courseworks.defence.recommend')}
            </Button>
          </Group>
        )}
        {d && (
          <Stack gap={2}>
            <Text>
              {t('courseworks.defence.when', { at: formatTime(d.startsAt, i18n.language) })}
              {d.place ? ` · ${d.place}` : ''}
            </Text>
            {d.onlineUrl && (
              <Anchor href={d.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm">
                {t('courseworks.defences.online')}
              </Anchor>
            )}
            <Text size="sm">
              {t('courseworks.defences.commission')}: {d.commission.map((c) => c.name).join(', ')}
            </Text>
            {d.grade && (
              <Alert color="teal.9" variant="outline" title={t('courseworks.defence.graded')}>
                {t('courseworks.defence.gradeText', { score: d.grade.score, letter: d.grade.letter })}
              </Alert>
            )}
          </Stack>
        )}
        {work.canSchedule && !d?.grade && <ScheduleForm work={work} />}
        {d && work.canGrade && <GradeForm work={work} defence={d} />}
      </Stack>
    </Card>
  );
}

/** The department places the learner in a defence session (a slot after the last by default), or moves them. */
function ScheduleForm({ work }: { work: LearnerCourseWorkDto }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const d = work.defence;
  const sessions = useQuery(defencesQuery(work.offeringId));
  const [sessionId, setSessionId] = useState<string | null>(d?.sessionId ?? null);
  const [startsAt, setStartsAt] = useState(d ? almatyLocal(d.startsAt) : '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: cwKeys.learner(work.offeringId, work.learner.id) });
    await qc.invalidateQueries({ queryKey: cwKeys.defences(work.offeringId) });
  };
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const options = (sessions.data?.items ?? []).map((s) => ({
    value: s.id,
    label: [formatTime(s.startsAt, i18n.language), s.place ?? t('courseworks.defences.online')].join(' · '),
  }));
  return (
    <Stack
      component="form"
      gap="xs"
      onSubmit={(e) => {
        e.preventDefault();
        void act(() =>
          post(`${cwUrl(work.offeringId)}/defences`, {
            learnerId: work.learner.id,
            sessionId,
            ...(startsAt ? { startsAt: almatyInstant(startsAt) } : {}),
          }),
        );
      }}
    >
      <Title order={3} size="h5">
        {d ? t('courseworks.defence.reschedule') : t('courseworks.defence.schedule')}
      </Title>
      <FormAlert error={error} />
      {options.length === 0 && sessions.data ? (
        <Text size="sm">{t('courseworks.sessions.noneToPick')}</Text>
      ) : (
        <Group align="flex-start" wrap="wrap">
          <Select
            required
            label={t('courseworks.sessions.session')}
            data={options}
            value={sessionId}
            onChange={setSessionId}
            error={errs.sessionId}
            w={320}
          />
          <TextInput
            type="datetime-local"
            label={t('courseworks.sessions.slot')}
            description={t('courseworks.sessions.slotHelp')}
            value={startsAt}
            onChange={(e) => setStartsAt(e.currentTarget.value)}
            error={errs.startsAt}
            w={260}
          />
        </Group>
      )}
      <Group>
        <Button type="submit" loading={busy} disabled={options.length === 0}>
          {t('courseworks.defence.save')}
        </Button>
        {d && (
          <Button
            variant="outline"
            color="red.9"
            loading={busy}
            onClick={() => void act(() => del(`/api/v1/course-work-defences/${d.id}`))}
          >
            {t('courseworks.defence.unschedule')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function GradeForm({ work, defence }: { work: LearnerCourseWorkDto; defence: DefenceDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [score, setScore] = useState<string | number>(defence.grade?.score ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await put(`/api/v1/course-work-defences/${defence.id}/grade`, {
        score: score === '' ? null : Number(score),
      });
      await qc.invalidateQueries({ queryKey: cwKeys.learner(work.offeringId, work.learner.id) });
      await qc.invalidateQueries({ queryKey: cwKeys.defences(work.offeringId) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack
      component="form"
      gap="xs"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Title order={3} size="h5">
        {t('courseworks.defence.recordGrade')}
      </Title>
      <FormAlert error={error} />
      <NumberInput
        required
        label={t('courseworks.defence.score')}
        description={t('courseworks.defence.scoreHelp')}
        min={0}
        max={100}
        allowDecimal={false}
        value={score}
        onChange={setScore}
        error={fieldErrors(error).score}
        w={200}
      />
      <Group>
        <Button type="submit" loading={busy}>
          {t('courseworks.defence.saveGrade')}
        </Button>
      </Group>
    </Stack>
  );
}
