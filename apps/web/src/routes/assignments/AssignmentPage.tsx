import {
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, put, upload } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { LeftText, StateBadge } from './AssignmentsPage.tsx';
import {
  type AssignmentDto,
  asgKeys,
  fileUrl,
  type Queue,
  type SubmissionDto,
  type Uploaded,
} from './api.ts';
import { GradeView, VersionView } from './SubmissionParts.tsx';

/** An assignment: the learner's workspace, or the marker's queue. */
export function AssignmentPage({ assignmentId }: { assignmentId: string }) {
  const { t, i18n } = useTranslation();
  const { data: a, error } = useQuery({
    queryKey: asgKeys.one(assignmentId),
    queryFn: () => get<AssignmentDto>(`/api/v1/assignments/${assignmentId}`),
  });
  if (error) return <QueryError error={error} />;
  if (!a) return null;
  return (
    <Stack>
      <PageHeader title={a.title}>
        {a.canManage && (
          <AnchorLink to="/assignments/$assignmentId/edit" params={{ assignmentId: a.id }}>
            {t('assignments.edit')}
          </AnchorLink>
        )}
      </PageHeader>
      <Card withBorder component="section" aria-labelledby="asg-instructions">
        <Title order={2} size="h4" id="asg-instructions" mb="xs">
          {t('assignments.field.instructions')}
        </Title>
        <div
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server when stored
          dangerouslySetInnerHTML={{ __html: a.instructions }}
        />
        {a.attachments.length > 0 && (
          <ul>
            {a.attachments.map((f) => (
              <li key={f.id}>
                <Anchor href={fileUrl(a.id, f.id)} target="_blank">
                  {f.name}
                </Anchor>
              </li>
            ))}
          </ul>
        )}
        <Text size="sm">
          {t('assignments.field.dueAt')}: {formatInstant(a.mine?.dueAt ?? a.dueAt, i18n.language)} ·{' '}
          {t('assignments.field.maxScore')}: {a.maxScore}
          {a.lateAccepted &&
            ` · ${t('assignments.lateRule', { perDay: a.latePenaltyPerDay, max: a.latePenaltyMax })}`}
        </Text>
      </Card>
      {a.mine ? <LearnerWork a={a} /> : <MarkerQueue a={a} />}
    </Stack>
  );
}

function LearnerWork({ a }: { a: AssignmentDto }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const mine = a.mine!;
  const { data: s } = useQuery({
    queryKey: asgKeys.submission(mine.submissionId ?? 'none'),
    queryFn: () => get<SubmissionDto>(`/api/v1/assignment-submissions/${mine.submissionId}`),
    enabled: !!mine.submissionId,
  });
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Uploaded[]>([]);
  useEffect(() => {
    if (s?.draft) {
      setText(s.draft.text);
      setFiles(s.draft.files);
    }
  }, [s?.draft]);
  const refresh = (next: SubmissionDto) => {
    qc.setQueryData(asgKeys.submission(next.id), next);
    void qc.invalidateQueries({ queryKey: asgKeys.one(a.id) });
  };
  const attach = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return upload<Uploaded>(`/api/v1/assignments/${a.id}/submission-files`, form);
    },
    onSuccess: (u) => setFiles((f) => [...f, u]),
  });
  const saveDraft = () =>
    put<SubmissionDto>(`/api/v1/assignments/${a.id}/draft`, { text, fileIds: files.map((f) => f.id) });
  const save = useMutation({ mutationFn: saveDraft, onSuccess: refresh });
  const submit = useMutation({
    mutationFn: async () => {
      await saveDraft();
      return post<SubmissionDto>(`/api/v1/assignments/${a.id}/submit`);
    },
    onSuccess: refresh,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };
  const state = s?.state ?? mine.state;
  return (
    <>
      <Card withBorder component="section" aria-labelledby="asg-mine">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="asg-mine">
            {t('assignments.myWork')}
          </Title>
          <StateBadge state={state} />
        </Group>
        <Text size="sm" mb="sm">
          {t('assignments.deadline')}: {formatInstant(s?.dueAt ?? mine.dueAt, i18n.language)} (
          <LeftText iso={s?.dueAt ?? mine.dueAt} />){mine.extended && ` · ${t('assignments.extended')}`}
        </Text>
        {mine.maySubmit || state === 'returned' ? (
          <form onSubmit={onSubmit}>
            <Stack>
              <FormAlert error={save.error ?? submit.error ?? attach.error} />
              {a.submissionKind !== 'files' && (
                <Textarea
                  label={t('assignments.onlineText')}
                  autosize
                  minRows={6}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                />
              )}
              {a.submissionKind !== 'text' && (
                <>
                  <FileInput
                    label={t('assignments.attachFile')}
                    description={t('assignments.allowed', {
                      types: a.allowedTypes.join(', '),
                      mb: a.maxFileMb,
                    })}
                    placeholder={t('assignments.form.chooseFile')}
                    value={null}
                    onChange={(file) => file && attach.mutate(file)}
                  />
                  {files.length > 0 && (
                    <ul aria-label={t('assignments.attachedFiles')}>
                      {files.map((f) => (
                        <li key={f.id}>
                          {f.name}{' '}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setFiles((x) => x.filter((y) => y.id !== f.id))}
                          >
                            {t('assignments.remove', { name: f.name })}
                          </Button>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
                  {t('assignments.saveDraft')}
                </Button>
                <Button type="submit" loading={submit.isPending}>
                  {s?.versions.length ? t('assignments.resubmit') : t('assignments.submit')}
                </Button>
              </Group>
              {save.isSuccess && (
                <Text size="sm" role="status">
                  {t('assignments.draftSaved')}
                </Text>
              )}
            </Stack>
          </form>
        ) : (
          <Text size="sm">{t('assignments.cannotSubmit')}</Text>
        )}
      </Card>
      {s && (s.grade || s.feedback) && <GradeView a={a} s={s} />}
      {s?.versions
        .slice()
        .reverse()
        .map((v) => (
          <VersionView key={v.id} a={a} v={v} />
        ))}
    </>
  );
}

function MarkerQueue({ a }: { a: AssignmentDto }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data: q, error } = useQuery({
    queryKey: asgKeys.queue(a.id),
    queryFn: () => get<Queue>(`/api/v1/assignments/${a.id}/submissions`),
  });
  const release = useMutation({
    mutationFn: () => post<{ released: number }>(`/api/v1/assignments/${a.id}/release`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: asgKeys.queue(a.id) }),
  });
  const [ext, setExt] = useState({ userId: '', dueAt: '', reason: '' });
  const grant = useMutation({
    mutationFn: () =>
      put(`/api/v1/assignments/${a.id}/extensions`, {
        userId: ext.userId,
        dueAt: ext.dueAt ? new Date(ext.dueAt).toISOString() : null,
        reason: ext.reason,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: asgKeys.queue(a.id) }),
  });
  if (error) return <QueryError error={error} />;
  if (!q) return null;
  return (
    <>
      <Card withBorder component="section" aria-labelledby="asg-queue">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="asg-queue">
            {t('assignments.queue')}
          </Title>
          <Button onClick={() => release.mutate()} loading={release.isPending}>
            {t('assignments.releaseAll')}
          </Button>
        </Group>
        <FormAlert error={release.error} />
        {release.isSuccess && (
          <Text size="sm" role="status">
            {t('assignments.released', { count: release.data.released })}
          </Text>
        )}
        {q.items.length === 0 ? (
          <Text size="sm">{t('assignments.queueEmpty')}</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assignments.who')}</Table.Th>
                <Table.Th>{t('assignments.stateLabel')}</Table.Th>
                <Table.Th>{t('assignments.submittedAt')}</Table.Th>
                <Table.Th>{t('assignments.score')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/assignments/$assignmentId/submissions/$submissionId"
                      params={{ assignmentId: a.id, submissionId: i.id }}
                    >
                      {i.learner?.name ??
                        i.subgroup?.name ??
                        t('assignments.anonymous', { code: i.anonCode })}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={i.released ? 'graded' : i.score ? 'marked' : i.state} />
                  </Table.Td>
                  <Table.Td>
                    {formatInstant(i.submittedAt, i18n.language)}
                    {i.lateDays > 0 && ` · ${t('assignments.lateDays', { count: i.lateDays })}`}
                  </Table.Td>
                  <Table.Td>{i.score ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {a.version > 0 && (
        <Card withBorder component="section" aria-labelledby="asg-ext">
          <Title order={2} size="h4" id="asg-ext" mb="sm">
            {t('assignments.extensions')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              grant.mutate();
            }}
          >
            <Stack>
              <FormAlert error={grant.error} />
              <Group grow align="flex-end">
                <label>
                  <Text size="sm" fw={500}>
                    {t('assignments.learner')}
                  </Text>
                  <select
                    value={ext.userId}
                    onChange={(e) => setExt({ ...ext, userId: e.currentTarget.value })}
                    style={{ width: '100%', padding: 6 }}
                  >
                    <option value="">—</option>
                    {q.learners.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                        {l.extensionDueAt ? ` (${formatInstant(l.extensionDueAt, i18n.language)})` : ''}
                      </option>
                    ))}
                  </select>
                </label>
                <TextInput
                  type="datetime-local"
                  label={t('assignments.newDeadline')}
                  value={ext.dueAt}
                  onChange={(e) => setExt({ ...ext, dueAt: e.currentTarget.value })}
                />
              </Group>
              <TextInput
                label={t('assignments.reason')}
                value={ext.reason}
                onChange={(e) => setExt({ ...ext, reason: e.currentTarget.value })}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={grant.isPending}>
                  {t('assignments.grant')}
                </Button>
              </Group>
              {grant.isSuccess && (
                <Text size="sm" role="status">
                  {t('assignments.granted')}
                </Text>
              )}
            </Stack>
          </form>
        </Card>
      )}
    </>
  );
}
