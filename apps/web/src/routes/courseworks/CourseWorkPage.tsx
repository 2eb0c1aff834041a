import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDate } from '../academics/shared.tsx';
import { DefencesPanel } from './DefencesPanel.tsx';
import { DepartmentPanel } from './DepartmentPanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ChoiceBadge, type CourseWorkDto, courseWorkQuery, cwKeys, cwUrl, useLocalized } from './shared.tsx';
import { WithdrawalNote, WithdrawalRequests, WithdrawButton } from './Withdrawals.tsx';

type Choice = CourseWorkDto['choices'][number];

/** One course work: topics to choose, choices to decide, the department's settings, progress and defences. */
export function CourseWorkPage({ offeringId }: { offeringId: string }) {
  const { t, i18n } = useTranslation();
  const name = useLocalized();
  const { data, error } = useQuery(courseWorkQuery(offeringId));
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const roles = new Set(data.roles);
  const staff = roles.has('manager') || roles.has('reader');
  const pending = data.choices.filter((c) => c.status === 'pending');
  return (
    <Stack>
      <PageHeader title={`${t('courseworks.page.title')}: ${name(data.discipline.name)}`} />
      <Text>
        {t('courseworks.page.timeline', {
          code: data.code,
          from: formatDate(data.periodStart, i18n.language),
          to: formatDate(data.sessionStart, i18n.language),
        })}
      </Text>
      {roles.has('audience') && <Text>{t('courseworks.page.audience')}</Text>}
      {roles.has('learner') && <LearnerTopics data={data} />}
      {roles.has('supervisor') && pending.length > 0 && (
        <Decisions offeringId={offeringId} choices={pending} />
      )}
      {(roles.has('supervisor') || roles.has('manager')) && <WithdrawalRequests data={data} />}
      {roles.has('manager') && <DepartmentPanel data={data} />}
      {(staff || roles.has('supervisor')) && <ProgressPanel offeringId={offeringId} />}
      <DefencesPanel offeringId={offeringId} staff={staff} manager={roles.has('manager')} />
    </Stack>
  );
}

function LearnerTopics({ data }: { data: CourseWorkDto }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const me = useMe();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mine = data.myChoice;
  const live = mine && (mine.status === 'pending' || mine.status === 'accepted');
  const closed = data.learnerAccess && !data.learnerAccess.allowed;
  const choose = async (topicId: string) => {
    setBusy(topicId);
    setError(null);
    try {
      await post(`${cwUrl(data.offeringId)}/choices`, { topicId });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
      await qc.invalidateQueries({ queryKey: cwKeys.one(data.offeringId) });
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="cw-topics">
      <Title order={2} size="h4" id="cw-topics" mb="sm">
        {t('courseworks.learner.title')}
      </Title>
      {closed && (
        <Alert color="red.9" variant="outline" mb="md">
          {t('courseworks.learner.accessClosed')}
        </Alert>
      )}
      {mine && (
        <Stack gap={4} mb="md" aria-live="polite">
          <Text fw={600}>{t('courseworks.learner.myChoice')}</Text>
          <Group gap="xs">
            <Text>{name(mine.title)}</Text>
            <ChoiceBadge status={mine.status} />
          </Group>
          <Text size="sm">{t('courseworks.learner.supervisor', { name: mine.supervisor.name })}</Text>
          {mine.comment && (
            <Text size="sm">{t('courseworks.learner.comment', { comment: mine.comment })}</Text>
          )}
          <WithdrawalNote choice={mine} />
          {mine.status === 'accepted' && me && (
            <AnchorLink
              to="/course-works/$offeringId/learners/$learnerId"
              params={{ offeringId: data.offeringId, learnerId: me.id }}
            >
              {t('courseworks.learner.openWork')}
            </AnchorLink>
          )}
          {live && !closed && <WithdrawButton data={data} choice={mine} />}
        </Stack>
      )}
      <FormAlert error={error} />
      {data.topics.length === 0 ? (
        <Text size="sm">{t('courseworks.topics.none')}</Text>
      ) : (
        <Table>
          <Table.Caption>{t('courseworks.topics.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('courseworks.topics.topic')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.topics.supervisor')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.topics.availability')}</Table.Th>
              {!live && !closed && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.topics.map((tp) => (
              <Table.Tr key={tp.id}>
                <Table.Td>{name(tp.title)}</Table.Td>
                <Table.Td>{tp.supervisor.name}</Table.Td>
                <Table.Td>{t(`courseworks.availability.${tp.availability}`)}</Table.Td>
                {!live && !closed && (
                  <Table.Td>
                    {tp.availability === 'free' && (
                      <Button
                        size="xs"
                        loading={busy === tp.id}
                        aria-label={t('courseworks.topics.chooseNamed', { title: name(tp.title) })}
                        onClick={() => void choose(tp.id)}
                      >
                        {t('courseworks.topics.choose')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!live && !closed && data.settings.allowOwnTopics && <ProposeTopic data={data} />}
    </Card>
  );
}

function ProposeTopic({ data }: { data: CourseWorkDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState({ kk: '', ru: '', en: '' });
  const [supervisorId, setSupervisorId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const supervisors = [...new Map(data.topics.map((tp) => [tp.supervisor.id, tp.supervisor.name])).entries()];
  const errs = fieldErrors(error);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`${cwUrl(data.offeringId)}/choices`, { ownTitle: title, supervisorId });
      await qc.invalidateQueries({ queryKey: cwKeys.one(data.offeringId) });
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
      mt="md"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Title order={3} size="h5">
        {t('courseworks.propose.title')}
      </Title>
      <FormAlert error={error} />
      {(['kk', 'ru', 'en'] as const).map((l) => (
        <TextInput
          key={l}
          required
          label={t(`courseworks.fields.title_${l}`)}
          value={title[l]}
          onChange={(e) => setTitle({ ...title, [l]: e.currentTarget.value })}
          error={errs[`ownTitle.${l}`]}
        />
      ))}
      <Select
        required
        label={t('courseworks.propose.supervisor')}
        data={supervisors.map(([value, label]) => ({ value, label }))}
        value={supervisorId}
        onChange={setSupervisorId}
        error={errs.supervisorId}
      />
      <Group>
        <Button type="submit" loading={busy}>
          {t('courseworks.propose.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function Decisions({ offeringId, choices }: { offeringId: string; choices: Choice[] }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const [deciding, setDeciding] = useState<{ choice: Choice; accept: boolean } | null>(null);
  return (
    <Card withBorder component="section" aria-labelledby="cw-decide">
      <Title order={2} size="h4" id="cw-decide" mb="sm">
        {t('courseworks.decide.title')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('courseworks.decide.learner')}</Table.Th>
            <Table.Th scope="col">{t('courseworks.topics.topic')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {choices.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" fw={500}>
                {c.learner.name}
              </Table.Th>
              <Table.Td>{name(c.title)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    aria-label={t('courseworks.decide.acceptNamed', { name: c.learner.name })}
                    onClick={() => setDeciding({ choice: c, accept: true })}
                  >
                    {t('courseworks.decide.accept')}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    aria-label={t('courseworks.decide.declineNamed', { name: c.learner.name })}
                    onClick={() => setDeciding({ choice: c, accept: false })}
                  >
                    {t('courseworks.decide.decline')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {deciding && <DecideModal offeringId={offeringId} {...deciding} onClose={() => setDeciding(null)} />}
    </Card>
  );
}

function DecideModal({
  offeringId,
  choice,
  accept,
  onClose,
}: {
  offeringId: string;
  choice: Choice;
  accept: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const name = useLocalized();
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/course-work-choices/${choice.id}/decision`, { accept, comment });
      await qc.invalidateQueries({ queryKey: cwKeys.one(offeringId) });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal
      opened
      onClose={onClose}
      title={accept ? t('courseworks.decide.acceptTitle') : t('courseworks.decide.declineTitle')}
    >
      <Stack
        component="form"
        gap="sm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Text>
          {choice.learner.name}: {name(choice.title)}
        </Text>
        <FormAlert error={error} />
        <Textarea
          label={t('courseworks.decide.comment')}
          required={!accept}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fieldErrors(error).comment}
          autosize
          minRows={3}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} color={accept ? undefined : 'red.9'}>
            {accept ? t('courseworks.decide.accept') : t('courseworks.decide.decline')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
