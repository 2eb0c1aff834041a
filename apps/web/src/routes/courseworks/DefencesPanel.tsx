import {
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, fieldErrors, post, put } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatTime, PeoplePicker } from '../academics/shared.tsx';
import {
  almatyInstant,
  almatyLocal,
  cwKeys,
  cwUrl,
  type DefenceDto,
  type DefenceSessionDto,
  defencesQuery,
  useLocalized,
} from './shared.tsx';

/**
 * The defence schedule (§12.13): sessions in time order, each with its place or link, its
 * commission and its learners in turn. Public to the programme's learners; the department
 * sets sessions here.
 */
export function DefencesPanel({
  offeringId,
  staff,
  manager,
}: {
  offeringId: string;
  staff: boolean;
  manager: boolean;
}) {
  const { t } = useTranslation();
  const { data, error } = useQuery(defencesQuery(offeringId));
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Card withBorder component="section" aria-labelledby="cw-defences">
      <Title order={2} size="h4" id="cw-defences" mb="sm">
        {t('courseworks.defences.title')}
      </Title>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <Stack gap="lg">
          {data && data.items.length === 0 && <Text size="sm">{t('courseworks.defences.none')}</Text>}
          {(data?.items ?? []).map((s, i) =>
            editing === s.id ? (
              <SessionForm key={s.id} offeringId={offeringId} session={s} onDone={() => setEditing(null)} />
            ) : (
              <SessionTable
                key={s.id}
                offeringId={offeringId}
                session={s}
                n={i + 1}
                staff={staff}
                manager={manager}
                onEdit={() => setEditing(s.id)}
              />
            ),
          )}
          {manager && <SessionForm offeringId={offeringId} />}
        </Stack>
      )}
    </Card>
  );
}

function SessionTable({
  offeringId,
  session: s,
  n,
  staff,
  manager,
  onEdit,
}: {
  offeringId: string;
  session: DefenceSessionDto;
  n: number;
  staff: boolean;
  manager: boolean;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const name = useLocalized();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const opens = (learnerId: string) => Boolean(me && (staff || s.canGrade || learnerId === me.id));
  const when = formatTime(s.startsAt, i18n.language);
  const cancel = async () => {
    setError(null);
    try {
      await del(`/api/v1/course-work-defence-sessions/${s.id}`);
      await qc.invalidateQueries({ queryKey: cwKeys.defences(offeringId) });
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('courseworks.sessions.heading', { n, at: when })}
      </Title>
      <Text size="sm">
        {s.place && `${t('courseworks.defences.where')}: ${s.place}`}
        {s.place && s.onlineUrl && ' · '}
        {s.onlineUrl && (
          <Anchor href={s.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm">
            {t('courseworks.defences.online')}
          </Anchor>
        )}
      </Text>
      <Text size="sm">
        {t('courseworks.defences.commission')}: {s.commission.map((c) => c.name).join(', ')}
      </Text>
      <FormAlert error={error} />
      {s.defences.length === 0 ? (
        <Text size="sm">{t('courseworks.sessions.empty')}</Text>
      ) : (
        <Table>
          <Table.Caption>{t('courseworks.sessions.caption', { n })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('courseworks.sessions.order')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.defences.when')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.decide.learner')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.topics.topic')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.defences.grade')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.defences.map((d, i) => (
              <Table.Tr key={d.id}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>{formatTime(d.startsAt, i18n.language)}</Table.Td>
                <Table.Th scope="row" fw={500}>
                  {opens(d.learner.id) ? (
                    <AnchorLink
                      to="/course-works/$offeringId/learners/$learnerId"
                      params={{ offeringId, learnerId: d.learner.id }}
                    >
                      {d.learner.name}
                    </AnchorLink>
                  ) : (
                    d.learner.name
                  )}
                </Table.Th>
                <Table.Td>{d.topic ? name(d.topic) : '—'}</Table.Td>
                <Table.Td>
                  {s.canGrade ? (
                    <GradeCell offeringId={offeringId} defence={d} />
                  ) : d.grade ? (
                    `${d.grade.score} (${d.grade.letter})`
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manager && s.canEdit && (
        <Group>
          <Button
            size="xs"
            variant="default"
            aria-label={t('courseworks.sessions.editNamed', { n })}
            onClick={onEdit}
          >
            {t('courseworks.sessions.edit')}
          </Button>
          {s.defences.length === 0 && (
            <Button
              size="xs"
              variant="outline"
              color="red.9"
              aria-label={t('courseworks.sessions.cancelNamed', { n })}
              onClick={() => void cancel()}
            >
              {t('courseworks.sessions.cancel')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** The commission records a learner's grade (0–100) in the session's table. */
function GradeCell({ offeringId, defence: d }: { offeringId: string; defence: DefenceDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [score, setScore] = useState<string | number>(d.grade?.score ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await put(`/api/v1/course-work-defences/${d.id}/grade`, { score: score === '' ? null : Number(score) });
      await qc.invalidateQueries({ queryKey: cwKeys.defences(offeringId) });
      await qc.invalidateQueries({ queryKey: cwKeys.learner(offeringId, d.learner.id) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      {d.grade && <Text size="sm">{`${d.grade.score} (${d.grade.letter})`}</Text>}
      <Group
        component="form"
        gap="xs"
        wrap="nowrap"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <NumberInput
          size="xs"
          w={90}
          required
          aria-label={t('courseworks.sessions.scoreFor', { name: d.learner.name })}
          min={0}
          max={100}
          allowDecimal={false}
          value={score}
          onChange={setScore}
        />
        <Button
          size="xs"
          type="submit"
          loading={busy}
          aria-label={t('courseworks.sessions.saveGradeFor', { name: d.learner.name })}
        >
          {t('courseworks.sessions.saveGrade')}
        </Button>
      </Group>
      <FormAlert error={error} />
    </Stack>
  );
}

/** A new session, or changes to one: when, where, and the commission. */
function SessionForm({
  offeringId,
  session,
  onDone,
}: {
  offeringId: string;
  session?: DefenceSessionDto;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [startsAt, setStartsAt] = useState(session ? almatyLocal(session.startsAt) : '');
  const [place, setPlace] = useState(session?.place ?? '');
  const [onlineUrl, setOnlineUrl] = useState(session?.onlineUrl ?? '');
  const [commission, setCommission] = useState<string[]>(session?.commission.map((c) => c.id) ?? []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const errs = fieldErrors(error);
  const commissionError = Object.entries(errs)
    .filter(([k]) => k === 'commission' || k.startsWith('commission.'))
    .map(([, v]) => v)
    .join(' ');
  const submit = async () => {
    setBusy(true);
    setError(null);
    setSaved(false);
    const body = {
      startsAt: startsAt ? almatyInstant(startsAt) : '',
      place: place || null,
      onlineUrl: onlineUrl || null,
      commission,
    };
    try {
      if (session) await put(`/api/v1/course-work-defence-sessions/${session.id}`, body);
      else await post(`${cwUrl(offeringId)}/defence-sessions`, body);
      await qc.invalidateQueries({ queryKey: cwKeys.defences(offeringId) });
      await qc.invalidateQueries({ queryKey: ['courseworks', offeringId, 'learner'] });
      if (!session) {
        setStartsAt('');
        setPlace('');
        setOnlineUrl('');
        setCommission([]);
        setSaved(true);
      }
      onDone?.();
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
        {session ? t('courseworks.sessions.editTitle') : t('courseworks.sessions.newTitle')}
      </Title>
      <FormAlert error={error} />
      <Group align="flex-start" wrap="wrap">
        <TextInput
          type="datetime-local"
          required
          label={t('courseworks.sessions.startsAt')}
          description={t('courseworks.defence.almatyTime')}
          value={startsAt}
          onChange={(e) => setStartsAt(e.currentTarget.value)}
          error={errs.startsAt}
          w={240}
        />
        <TextInput
          label={t('courseworks.defence.place')}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
          error={errs.place}
          w={240}
        />
        <TextInput
          label={t('courseworks.defence.onlineUrl')}
          value={onlineUrl}
          onChange={(e) => setOnlineUrl(e.currentTarget.value)}
          error={errs.onlineUrl}
          w={320}
        />
      </Group>
      <PeoplePicker
        label={t('courseworks.defence.commissionMembers')}
        description={t('courseworks.sessions.commissionHelp')}
        value={commission}
        onChange={setCommission}
        error={commissionError || undefined}
        known={Object.fromEntries((session?.commission ?? []).map((c) => [c.id, c.name]))}
      />
      <Group>
        <Button type="submit" loading={busy}>
          {session ? t('courseworks.sessions.save') : t('courseworks.sessions.create')}
        </Button>
        {session && (
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        )}
        {saved && (
          <Text size="sm" role="status">
            {t('courseworks.saved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
