import {
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Radio,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post, upload } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatDate, formatTime } from '../academics/shared.tsx';
import { cwKeys, cwUrl, type LearnerCourseWorkDto, StateBadge, useLocalized } from './shared.tsx';

type Milestone = LearnerCourseWorkDto['milestones'][number];

/** One milestone of a learner's work: its hand-ins, the consultation thread, and the forms for it. */
export function MilestoneCard({ work, m }: { work: LearnerCourseWorkDto; m: Milestone }) {
  const { t, i18n } = useTranslation();
  const name = useLocalized();
  const headingId = `cw-m-${m.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          {name(m.title)}
        </Title>
        <Group gap="xs">
          <Text size="sm">{t('courseworks.work.due', { date: formatDate(m.dueOn, i18n.language) })}</Text>
          <StateBadge state={m.state} overdue={m.overdue} />
        </Group>
      </Group>
      {m.handIns.length > 0 && (
        <Stack gap={4} mb="sm">
          <Title order={3} size="h5">
            {t('courseworks.work.handIns')}
          </Title>
          <List spacing={4}>
            {[...m.handIns].reverse().map((h) => (
              <List.Item key={h.id}>
                <Text size="sm" fw={500}>
                  {t('courseworks.work.version', {
                    n: h.versionNo,
                    at: formatTime(h.submittedAt, i18n.language),
                  })}
                </Text>
                {h.note && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {h.note}
                  </Text>
                )}
                {h.files.map((f) => (
                  <Anchor
                    key={f.id}
                    href={`/api/v1/course-work-files/${f.id}`}
                    target="_blank"
                    size="sm"
                    mr="sm"
                  >
                    {f.name}
                  </Anchor>
                ))}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Stack gap={4} mb="sm">
        <Title order={3} size="h5">
          {t('courseworks.work.thread')}
        </Title>
        {m.comments.length === 0 ? (
          <Text size="sm">{t('courseworks.work.noComments')}</Text>
        ) : (
          <List spacing={4} aria-live="polite">
            {m.comments.map((c) => (
              <List.Item key={c.id}>
                <Text size="sm" fw={500}>
                  {c.author.name}, {formatTime(c.createdAt, i18n.language)}
                  {c.verdict && ` — ${t(`courseworks.verdict.${c.verdict}`)}`}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.body}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      <Stack gap="md">
        {work.canHandIn && <HandInForm work={work} m={m} />}
        {work.canReview && m.handIns.length > 0 && <ReviewForm work={work} m={m} />}
        {(work.canReview || work.canHandIn) && <CommentForm work={work} m={m} />}
      </Stack>
    </Card>
  );
}

function useAct(work: LearnerCourseWorkDto) {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (act: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await act();
      await qc.invalidateQueries({ queryKey: cwKeys.learner(work.offeringId, work.learner.id) });
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function HandInForm({ work, m }: { work: LearnerCourseWorkDto; m: Milestone }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const a = useAct(work);
  const submit = () =>
    a.run(async () => {
      const fileIds: string[] = [];
      for (const f of files) {
        const form = new FormData();
        form.append('file', f, f.name);
        fileIds.push((await upload<{ id: string }>(`${cwUrl(work.offeringId)}/files`, form)).id);
      }
      await post(`${cwUrl(work.offeringId)}/milestones/${m.id}/hand-ins`, { note, fileIds });
      setNote('');
      setFiles([]);
    });
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
        {t('courseworks.work.handInTitle', { name: name(m.title) })}
      </Title>
      <FormAlert error={a.error} />
      <Textarea
        label={t('courseworks.work.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={fieldErrors(a.error).note}
        autosize
        minRows={2}
      />
      <FileInput
        label={t('courseworks.work.files')}
        description={t('courseworks.work.filesHelp', { maxMb: work.uploadMaxMb })}
        multiple
        clearable
        value={files}
        onChange={setFiles}
        accept=".pdf,.docx,.pptx,.xlsx,.png,.jpg,.jpeg"
      />
      <Group>
        <Button type="submit" loading={a.busy}>
          {t('courseworks.work.handIn')}
        </Button>
      </Group>
    </Stack>
  );
}

function ReviewForm({ work, m }: { work: LearnerCourseWorkDto; m: Milestone }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const [verdict, setVerdict] = useState('accepted');
  const [comment, setComment] = useState('');
  const a = useAct(work);
  const submit = () =>
    a.run(async () => {
      await post(`${cwUrl(work.offeringId)}/learners/${work.learner.id}/milestones/${m.id}/review`, {
        verdict,
        comment,
      });
      setComment('');
    });
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
        {t('courseworks.work.reviewTitle', { name: name(m.title) })}
      </Title>
      <FormAlert error={a.error} />
      <Radio.Group label={t('courseworks.work.verdict')} value={verdict} onChange={setVerdict}>
        <Group mt="xs">
          <Radio value="accepted" label={t('courseworks.verdict.accepted')} />
          <Radio value="needs_changes" label={t('courseworks.verdict.needs_changes')} />
        </Group>
      </Radio.Group>
      <Textarea
        required
        label={t('courseworks.work.reviewComment')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={fieldErrors(a.error).comment}
        autosize
        minRows={2}
      />
      <Group>
        <Button type="submit" loading={a.busy}>
          {t('courseworks.work.postReview')}
        </Button>
      </Group>
    </Stack>
  );
}

function CommentForm({ work, m }: { work: LearnerCourseWorkDto; m: Milestone }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const [body, setBody] = useState('');
  const a = useAct(work);
  const submit = () =>
    a.run(async () => {
      await post(`${cwUrl(work.offeringId)}/learners/${work.learner.id}/milestones/${m.id}/comments`, {
        body,
      });
      setBody('');
    });
  return (
    <Stack
      component="form"
      gap="xs"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormAlert error={a.error} />
      <Textarea
        required
        label={t('courseworks.work.message', { name: name(m.title) })}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={fieldErrors(a.error).body}
        autosize
        minRows={2}
      />
      <Group>
        <Button type="submit" variant="outline" loading={a.busy}>
          {t('courseworks.work.send')}
        </Button>
      </Group>
    </Stack>
  );
}
