import {
  Button,
  Checkbox,
  FileInput,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignmentFileTypes } from '#core/wire/assignments.ts';
import { fieldErrors, get, post, upload } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { AssignmentDto, Uploaded } from './api.ts';

type Activity = { id: string; title: string; kind: string };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Paragraphs of plain text become the instructions' rich text (the server sanitizes it again). */
const paragraphs = (s: string) =>
  s
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/**
 * A rubric typed one criterion a line: "Criterion | Level = points | Level = points".
 * Null when empty; throws the line number that does not read.
 */
export function parseRubric(text: string) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return null;
  return {
    criteria: lines.map((line, i) => {
      const [title, ...levels] = line.split('|').map((x) => x.trim());
      const parsed = levels.map((l, j) => {
        const m = /^(.+?)\s*=\s*(\d+(?:[.,]\d+)?)$/.exec(l);
        if (!m) throw new Error(String(i + 1));
        return { id: `l${j + 1}`, title: m[1]!, points: Number(m[2]!.replace(',', '.')) };
      });
      if (!title || parsed.length === 0) throw new Error(String(i + 1));
      return { id: `c${i + 1}`, title, levels: parsed };
    }),
  };
}

const toIso = (local: string) => (local ? new Date(local).toISOString() : null);

/** A teacher sets a new written assignment of a course offering. */
export function AssignmentFormPage({ offeringId }: { offeringId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: journal } = useQuery({
    queryKey: ['assignments', 'activities', offeringId],
    queryFn: () => get<{ activities: Activity[] }>(`/api/v1/offerings/${offeringId}/journal`),
  });
  const [f, setF] = useState({
    title: '',
    instructions: '',
    controlActivityId: '',
    dueAt: '',
    cutoffAt: '',
    maxScore: 100 as number | string,
    submissionKind: 'both',
    allowedTypes: ['pdf', 'docx'] as string[],
    maxFileMb: 20 as number | string,
    groupMode: 'individual',
    lateAccepted: false,
    latePenaltyPerDay: 0 as number | string,
    latePenaltyMax: 0 as number | string,
    anonymous: false,
    rubric: '',
  });
  const [attachments, setAttachments] = useState<Uploaded[]>([]);
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
    mutationFn: (body: unknown) => post<AssignmentDto>(`/api/v1/offerings/${offeringId}/assignments`, body),
    onSuccess: (a) => void navigate({ to: '/assignments/$assignmentId', params: { assignmentId: a.id } }),
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let rubric = null;
    try {
      rubric = parseRubric(f.rubric);
      setRubricError(null);
    } catch (err) {
      setRubricError(t('assignments.form.rubricLine', { line: (err as Error).message }));
      return;
    }
    save.mutate({
      title: f.title,
      instructions: paragraphs(f.instructions),
      attachmentIds: attachments.map((a) => a.id),
      controlActivityId: f.controlActivityId || null,
      dueAt: toIso(f.dueAt),
      cutoffAt: f.lateAccepted ? toIso(f.cutoffAt) : null,
      maxScore: Number(f.maxScore),
      submissionKind: f.submissionKind,
      allowedTypes: f.allowedTypes,
      maxFileMb: Number(f.maxFileMb),
      groupMode: f.groupMode,
      lateAccepted: f.lateAccepted,
      latePenaltyPerDay: Number(f.latePenaltyPerDay),
      latePenaltyMax: Number(f.latePenaltyMax),
      anonymous: f.anonymous,
      rubric,
    });
  };
  return (
    <Stack maw={760}>
      <PageHeader title={t('assignments.form.title')} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={save.error} />
          <TextInput
            label={t('assignments.field.title')}
            required
            value={f.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errs.title && errs.title}
          />
          <Textarea
            label={t('assignments.field.instructions')}
            description={t('assignments.form.instructionsHint')}
            autosize
            minRows={4}
            value={f.instructions}
            onChange={(e) => set('instructions', e.currentTarget.value)}
          />
          <FileInput
            label={t('assignments.field.attachments')}
            placeholder={t('assignments.form.chooseFile')}
            onChange={(file) => file && attach.mutate(file)}
            value={null}
          />
          <FormAlert error={attach.error} />
          {attachments.length > 0 && <Text size="sm">{attachments.map((a) => a.name).join(', ')}</Text>}
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
              onChange={(e) => set('submissionKind', e.currentTarget.value)}
              data={['text', 'files', 'both'].map((k) => ({ value: k, label: t(`assignments.kind.${k}`) }))}
            />
            <NativeSelect
              label={t('assignments.field.groupMode')}
              value={f.groupMode}
              onChange={(e) => set('groupMode', e.currentTarget.value)}
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
              {t('assignments.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
