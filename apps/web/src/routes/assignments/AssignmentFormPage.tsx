import {
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceholderListDto } from '#core/wire/assignments.ts';
import { assignmentFileTypes } from '#core/wire/assignments.ts';
import { ApiError, apiWithEtag, fieldErrors, get, post, put, upload } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RichTextEditor } from '../../components/RichTextEditor.tsx';
import { type AssignmentDto, asgKeys, type Uploaded } from './api.ts';
import { formValues, parseRubric, toIso } from './form-values.ts';

type Activity = { id: string; title: string; kind: string };

/** A teacher sets a new written assignment of a course offering. */
export function AssignmentFormPage({ offeringId }: { offeringId: string }) {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <PageHeader title={t('assignments.form.title')} />
      <AssignmentForm offeringId={offeringId} current={null} etag={null} onReload={() => undefined} />
    </Stack>
  );
}

/** A teacher changes an assignment: the form filled with it, saved against the version they read. */
export function AssignmentEditPage({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery({
    queryKey: [...asgKeys.one(assignmentId), 'edit'],
    queryFn: () => apiWithEtag<AssignmentDto>(`/api/v1/assignments/${assignmentId}`),
    // What the teacher edits stays as it was read until they ask for the latest.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const a = data.data;
  return (
    <Stack maw={760}>
      <PageHeader title={t('assignments.form.editTitle')}>
        <AnchorLink to="/assignments/$assignmentId" params={{ assignmentId }}>
          {t('assignments.form.back', { title: a.title })}
        </AnchorLink>
      </PageHeader>
      <AssignmentForm
        key={`${a.id}:${a.version}`}
        offeringId={a.offeringId}
        current={a}
        etag={data.etag}
        onReload={() => void refetch()}
      />
    </Stack>
  );
}

function AssignmentForm({
  offeringId,
  current,
  etag,
  onReload,
}: {
  offeringId: string;
  current: AssignmentDto | null;
  etag: string | null;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: journal } = useQuery({
    queryKey: ['assignments', 'activities', offeringId],
    queryFn: () => get<{ activities: Activity[] }>(`/api/v1/offerings/${offeringId}/journal`),
  });
  const { data: places } = useQuery({
    queryKey: ['assignments', 'placeholders', offeringId],
    queryFn: () => get<PlaceholderListDto>(`/api/v1/offerings/${offeringId}/assignment-placeholders`),
  });
  const [initial] = useState(() => formValues(current));
  const [f, setF] = useState(initial);
  const [attachments, setAttachments] = useState<Uploaded[]>(current?.attachments ?? []);
  const [rubricError, setRubricError] = useState<string | null>(null);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const attach = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return upload<Uploaded>(`/api/v1/offerings/${offeringId}/assignment-files`, form);
    },
    onSuccess: (u) => setAttachments((a) => [...a, u]),
  });
  const save = useMutation({
    mutationFn: (body: unknown) =>
      current
        ? put<AssignmentDto>(`/api/v1/assignments/${current.id}`, body, etag ? { 'If-Match': etag } : {})
        : post<AssignmentDto>(`/api/v1/offerings/${offeringId}/assignments`, body),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['assignments'] });
      void navigate({ to: '/assignments/$assignmentId', params: { assignmentId: a.id } });
    },
  });
  const errs = fieldErrors(save.error);
  const stale = save.error instanceof ApiError && save.error.type === 'stale-version';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let rubric = null;
    try {
      // Untouched, the rubric goes back as it was (ids and all).
      rubric =
        current && f.rubric === initial.rubric ? current.rubric : parseRubric(f.rubric, current?.rubric);
      setRubricError(null);
    } catch (err) {
      setRubricError(t('assignments.form.rubricLine', { line: (err as Error).message }));
      return;
    }
    save.mutate({
      title: f.title,
      instructions: f.instructions,
      attachmentIds: attachments.map((a) => a.id),
      controlActivityId: f.controlActivityId || null,
      materialId: f.materialId || null,
      dueAt: toIso(f.dueAt),
      cutoffAt: f.lateAccepted ? toIso(f.cutoffAt) : null,
      maxScore: Number(f.maxScore),
      submissionKind: f.submissionKind,
      allowedTypes: f.allowedTypes,
      maxFileMb: Number(f.maxFileMb),
      maxFiles: current?.maxFiles ?? 5,
      groupMode: f.groupMode,
      lateAccepted: f.lateAccepted,
      latePenaltyPerDay: Number(f.latePenaltyPerDay),
      latePenaltyMax: Number(f.latePenaltyMax),
      anonymous: f.anonymous,
      rubric,
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert error={save.error} />
        {stale && (
          <Button variant="outline" w="fit-content" onClick={onReload}>
            {t('assignments.form.reload')}
          </Button>
        )}
        <TextInput
          label={t('assignments.field.title')}
          required
          value={f.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errs.title && errs.title}
        />
        <RichTextEditor
          label={t('assignments.field.instructions')}
          value={f.instructions}
          onChange={(html) => set('instructions', html)}
          error={errs.instructions}
        />
        <FileInput
          label={t('assignments.field.attachments')}
          placeholder={t('assignments.form.chooseFile')}
          onChange={(file) => file && attach.mutate(file)}
          value={null}
        />
        <FormAlert error={attach.error} />
        {attachments.length > 0 && (
          <List aria-label={t('assignments.form.attached')}>
            {attachments.map((a) => (
              <List.Item key={a.id}>
                {a.name}{' '}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setAttachments((all) => all.filter((x) => x.id !== a.id))}
                >
                  {t('assignments.remove', { name: a.name })}
                </Button>
              </List.Item>
            ))}
          </List>
        )}
        <NativeSelect
          label={t('assignments.field.activity')}
          value={f.controlActivityId}
          onChange={(e) => set('controlActivityId', e.currentTarget.value)}
          data={[
            { value: '', label: t('assignments.form.noActivity') },
            ...(journal?.activities ?? []).map((a) => ({ value: a.id, label: a.title })),
          ]}
          error={errs.controlActivityId && errs.controlActivityId}
        />
        <NativeSelect
          label={t('assignments.field.placement')}
          description={t('assignments.form.placementHint')}
          value={f.materialId}
          onChange={(e) => set('materialId', e.currentTarget.value)}
          data={[
            { value: '', label: t('assignments.form.noPlacement') },
            ...(places?.items ?? []).map((p) => {
              const taken = !!p.assignmentId && p.assignmentId !== current?.id;
              return {
                value: p.id,
                label: `${p.section} · ${p.title}${taken ? ` (${t('assignments.form.placementTaken')})` : ''}`,
                disabled: taken,
              };
            }),
          ]}
          error={errs.materialId && errs.materialId}
        />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('assignments.field.dueAt')}
            required
            value={f.dueAt}
            onChange={(e) => set('dueAt', e.currentTarget.value)}
            error={errs.dueAt && errs.dueAt}
          />
          <NumberInput
            label={t('assignments.field.maxScore')}
            required
            min={1}
            max={1000}
            value={f.maxScore}
            onChange={(v) => set('maxScore', v)}
            error={errs.maxScore && errs.maxScore}
          />
        </Group>
        <Checkbox
          label={t('assignments.field.lateAccepted')}
          checked={f.lateAccepted}
          onChange={(e) => set('lateAccepted', e.currentTarget.checked)}
        />
        {f.lateAccepted && (
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('assignments.field.cutoffAt')}
              value={f.cutoffAt}
              onChange={(e) => set('cutoffAt', e.currentTarget.value)}
              error={errs.cutoffAt && errs.cutoffAt}
            />
            <NumberInput
              label={t('assignments.field.penaltyPerDay')}
              min={0}
              max={100}
              value={f.latePenaltyPerDay}
              onChange={(v) => set('latePenaltyPerDay', v)}
            />
            <NumberInput
              label={t('assignments.field.penaltyMax')}
              min={0}
              max={100}
              value={f.latePenaltyMax}
              onChange={(v) => set('latePenaltyMax', v)}
            />
          </Group>
        )}
        <Group grow align="flex-start">
          <NativeSelect
            label={t('assignments.field.kind')}
            value={f.submissionKind}
            onChange={(e) => set('submissionKind', e.currentTarget.value as typeof f.submissionKind)}
            error={errs.submissionKind && errs.submissionKind}
            data={['text', 'files', 'both'].map((k) => ({ value: k, label: t(`assignments.kind.${k}`) }))}
          />
          <NativeSelect
            label={t('assignments.field.groupMode')}
            value={f.groupMode}
            onChange={(e) => set('groupMode', e.currentTarget.value as typeof f.groupMode)}
            error={errs.groupMode && errs.groupMode}
            data={['individual', 'subgroup'].map((k) => ({
              value: k,
              label: t(`assignments.groupMode.${k}`),
            }))}
          />
        </Group>
        {f.submissionKind !== 'text' && (
          <>
            <Checkbox.Group
              label={t('assignments.field.allowedTypes')}
              value={f.allowedTypes}
              onChange={(v) => set('allowedTypes', v)}
              error={errs.allowedTypes && errs.allowedTypes}
            >
              <Group mt="xs">
                {assignmentFileTypes.map((x) => (
                  <Checkbox key={x} value={x} label={x.toUpperCase()} />
                ))}
              </Group>
            </Checkbox.Group>
            <NumberInput
              label={t('assignments.field.maxFileMb')}
              min={1}
              max={200}
              value={f.maxFileMb}
              onChange={(v) => set('maxFileMb', v)}
            />
          </>
        )}
        <Checkbox
          label={t('assignments.field.anonymous')}
          checked={f.anonymous}
          onChange={(e) => set('anonymous', e.currentTarget.checked)}
        />
        <Textarea
          label={t('assignments.field.rubric')}
          description={t('assignments.form.rubricHint')}
          autosize
          minRows={3}
          value={f.rubric}
          onChange={(e) => set('rubric', e.currentTarget.value)}
          error={rubricError ?? (errs.rubric && errs.rubric)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t(current ? 'assignments.form.save' : 'assignments.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
