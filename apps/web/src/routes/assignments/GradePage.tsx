import {
  Button,
  Card,
  FileInput,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, get, post, upload } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { StateBadge } from './AssignmentsPage.tsx';
import { type AssignmentDto, asgKeys, type SubmissionDto, type Uploaded } from './api.ts';
import { VersionView } from './SubmissionParts.tsx';

type Anchor = { kind: 'text'; start: number; end: number } | { kind: 'page'; fileId: string; page: number };
type PendingComment = { key: number; anchor: Anchor; body: string; label: string };

const asHtml = (s: string) =>
  s.trim()
    ? `<p>${s.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>`
    : '';

/**
 * The marker opens one work: reads every version (PDFs and images inline), comments on a
 * selected range of the text or on a page of a PDF, grades by the rubric or directly,
 * releases the grade or returns the work for rework with a new deadline.
 */
export function GradePage({ assignmentId, submissionId }: { assignmentId: string; submissionId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: a } = useQuery({
    queryKey: asgKeys.one(assignmentId),
    queryFn: () => get<AssignmentDto>(`/api/v1/assignments/${assignmentId}`),
  });
  const { data: s, error } = useQuery({
    queryKey: asgKeys.submission(submissionId),
    queryFn: () => get<SubmissionDto>(`/api/v1/assignment-submissions/${submissionId}`),
  });
  const [score, setScore] = useState<number | string>('');
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [feedback, setFeedback] = useState('');
  const [comments, setComments] = useState<PendingComment[]>([]);
  const [commentBody, setCommentBody] = useState('');
  const [pageFile, setPageFile] = useState('');
  const [page, setPage] = useState<number | string>(1);
  const [corrected, setCorrected] = useState<Uploaded | null>(null);
  const [rework, setRework] = useState('');
  const [note, setNote] = useState<string | null>(null);
  // The passage last selected in the work's text: kept while the marker types the comment.
  const [picked, setPicked] = useState('');
  const latestText = s?.versions.at(-1)?.text ?? '';
  useEffect(() => {
    const onChange = () => {
      const sel = window.getSelection()?.toString() ?? '';
      if (sel.trim() && latestText.includes(sel)) setPicked(sel);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [latestText]);
  const done = (next: SubmissionDto, message: string) => {
    qc.setQueryData(asgKeys.submission(submissionId), next);
    void qc.invalidateQueries({ queryKey: asgKeys.queue(assignmentId) });
    setComments([]);
    setNote(message);
  };
  const attach = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return upload<Uploaded>(`/api/v1/offerings/${a!.offeringId}/assignment-files`, form);
    },
    onSuccess: setCorrected,
  });
  const payloadComments = () => comments.map((c) => ({ anchor: c.anchor, body: c.body }));
  const grade = useMutation({
    mutationFn: () =>
      post<SubmissionDto>(`/api/v1/assignment-submissions/${submissionId}/grade`, {
        ...(a?.rubric ? { rubricChoice: choice } : { score: Number(score) }),
        feedback: asHtml(feedback),
        correctedFileId: corrected?.id ?? null,
        comments: payloadComments(),
      }),
    onSuccess: (x) => done(x, t('assignments.gradeSaved')),
  });
  const release = useMutation({
    mutationFn: () => post(`/api/v1/assignments/${assignmentId}/release`, { submissionIds: [submissionId] }),
    onSuccess: async () => {
      const x = await get<SubmissionDto>(`/api/v1/assignment-submissions/${submissionId}`);
      done(x, t('assignments.releasedOne'));
    },
  });
  const giveBack = useMutation({
    mutationFn: () =>
      post<SubmissionDto>(`/api/v1/assignment-submissions/${submissionId}/return`, {
        feedback: asHtml(feedback),
        reworkDueAt: rework ? new Date(rework).toISOString() : null,
        comments: payloadComments(),
      }),
    onSuccess: (x) => done(x, t('assignments.returnedOk')),
  });
  const errs = fieldErrors(grade.error ?? giveBack.error);
  if (error) return <QueryError error={error} />;
  if (!a || !s) return null;
  const latest = s.versions.at(-1);
  const pdfs = latest?.files.filter((f) => f.contentType === 'application/pdf') ?? [];
  const commentOnSelection = () => {
    const sel = picked;
    const start = sel && latest ? latest.text.indexOf(sel) : -1;
    if (start < 0 || !commentBody.trim()) {
      setNote(t('assignments.selectFirst'));
      return;
    }
    setComments((c) => [
      ...c,
      {
        key: Date.now(),
        anchor: { kind: 'text', start, end: start + sel.length },
        body: commentBody,
        label: `«${sel.slice(0, 40)}»`,
      },
    ]);
    setCommentBody('');
    setPicked('');
  };
  const commentOnPage = () => {
    const file = pdfs.find((f) => f.id === (pageFile || pdfs[0]?.id));
    if (!file || !commentBody.trim()) return;
    setComments((c) => [
      ...c,
      {
        key: Date.now(),
        anchor: { kind: 'page', fileId: file.id, page: Number(page) },
        body: commentBody,
        label: t('assignments.pageOf', { page, file: file.name }),
      },
    ]);
    setCommentBody('');
  };
  const submitGrade = (e: FormEvent) => {
    e.preventDefault();
    grade.mutate();
  };
  const who = s.learner?.name ?? s.subgroup?.name ?? t('assignments.anonymous', { code: s.anonCode });
  return (
    <Stack>
      <PageHeader title={`${a.title} — ${who}`} />
      <Group>
        <StateBadge state={s.grade?.released ? 'graded' : s.grade ? 'marked' : s.state} />
        {s.grade && <Text>{t('assignments.scoreOf', { score: s.grade.score, max: a.maxScore })}</Text>}
      </Group>
      {note && (
        <Text role="status" size="sm">
          {note}
        </Text>
      )}
      {s.versions
        .slice()
        .reverse()
        .map((v) => (
          <VersionView key={v.id} a={a} v={v} />
        ))}
      {s.status === 'submitted' && !s.grade?.released && (
        <Card withBorder component="section" aria-labelledby="asg-marking">
          <Title order={2} size="h4" id="asg-marking" mb="sm">
            {t('assignments.marking')}
          </Title>
          <form onSubmit={submitGrade}>
            <Stack>
              <FormAlert error={grade.error ?? giveBack.error ?? release.error ?? attach.error} />
              {a.rubric ? (
                a.rubric.criteria.map((c) => (
                  <Radio.Group
                    key={c.id}
                    label={c.title}
                    value={choice[c.id] ?? ''}
                    onChange={(v) => setChoice((x) => ({ ...x, [c.id]: v }))}
                  >
                    <Group mt="xs">
                      {c.levels.map((l) => (
                        <Radio key={l.id} value={l.id} label={`${l.title} (${l.points})`} />
                      ))}
                    </Group>
                  </Radio.Group>
                ))
              ) : (
                <NumberInput
                  label={t('assignments.scoreMax', { max: a.maxScore })}
                  min={0}
                  max={Number(a.maxScore)}
                  value={score}
                  onChange={setScore}
                  error={errs.score}
                />
              )}
              <Textarea
                label={t('assignments.overallComment')}
                autosize
                minRows={3}
                value={feedback}
                onChange={(e) => setFeedback(e.currentTarget.value)}
              />
              <Text size="sm" aria-live="polite">
                {picked ? t('assignments.picked', { passage: picked.slice(0, 80) }) : ''}
              </Text>
              <Textarea
                label={t('assignments.inlineComment')}
                description={t('assignments.inlineHint')}
                value={commentBody}
                onChange={(e) => setCommentBody(e.currentTarget.value)}
              />
              <Group>
                {latest?.text && (
                  <Button variant="default" onClick={commentOnSelection}>
                    {t('assignments.commentSelection')}
                  </Button>
                )}
                {pdfs.length > 0 && (
                  <>
                    <NativeSelect
                      aria-label={t('assignments.pdfFile')}
                      value={pageFile}
                      onChange={(e) => setPageFile(e.currentTarget.value)}
                      data={pdfs.map((f) => ({ value: f.id, label: f.name }))}
                    />
                    <NumberInput
                      aria-label={t('assignments.page')}
                      min={1}
                      value={page}
                      onChange={setPage}
                      w={90}
                    />
                    <Button variant="default" onClick={commentOnPage}>
                      {t('assignments.commentPage')}
                    </Button>
                  </>
                )}
              </Group>
              {comments.length > 0 && (
                <ul aria-label={t('assignments.pendingComments')}>
                  {comments.map((c) => (
                    <li key={c.key}>
                      <Text size="sm">
                        {c.label}: {c.body}
                      </Text>
                    </li>
                  ))}
                </ul>
              )}
              <FileInput
                label={t('assignments.correctedFile')}
                placeholder={t('assignments.form.chooseFile')}
                value={null}
                onChange={(file) => file && attach.mutate(file)}
              />
              {corrected && <Text size="sm">{corrected.name}</Text>}
              <Group justify="flex-end">
                <Button type="submit" loading={grade.isPending}>
                  {t('assignments.saveGrade')}
                </Button>
                {s.grade && (
                  <Button
                    variant="filled"
                    color="green"
                    onClick={() => release.mutate()}
                    loading={release.isPending}
                  >
                    {t('assignments.releaseOne')}
                  </Button>
                )}
              </Group>
              <Group align="flex-end">
                <TextInput
                  type="datetime-local"
                  label={t('assignments.reworkDue')}
                  value={rework}
                  onChange={(e) => setRework(e.currentTarget.value)}
                  error={errs.reworkDueAt}
                />
                <Button variant="default" onClick={() => giveBack.mutate()} loading={giveBack.isPending}>
                  {t('assignments.returnForRework')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
