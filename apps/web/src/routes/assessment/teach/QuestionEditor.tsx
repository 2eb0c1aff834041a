import { Button, Group, NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type QuestionType, questionTypes } from '#core/assessment/questions.ts';
import { fieldErrors, post, put } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { type Category, type Question, teachKeys } from './api.ts';
import { QuestionDataFields } from './QuestionDataFields.tsx';
import { blankData, bodyOf, draftOf, L, type QuestionDraft } from './questionForm.ts';
import { LocalizedRichField, QuestionBankContext } from './RichField.tsx';

/** Writing a new question or editing one (which adds a version); every type, text in kk/ru/en. */
export function QuestionEditor({
  disciplineId,
  categories,
  question,
  defaultCategoryId,
  opened,
  onClose,
}: {
  disciplineId: string;
  categories: Category[];
  question: Question | null;
  defaultCategoryId: string | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<QuestionDraft>(() =>
    question
      ? draftOf(question)
      : {
          categoryId: defaultCategoryId ?? categories[0]?.id ?? '',
          tags: '',
          points: 1,
          text: L(),
          feedback: L(),
          data: blankData('single'),
        },
  );
  const save = useMutation({
    mutationFn: () =>
      question
        ? put<Question>(`/api/v1/questions/${question.id}`, bodyOf(draft), {
            'If-Match': `"${question.version}"`,
          })
        : post<Question>('/api/v1/questions', bodyOf(draft)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: teachKeys.questions(disciplineId) });
      void qc.invalidateQueries({ queryKey: teachKeys.categories(disciplineId) });
      if (question) void qc.invalidateQueries({ queryKey: teachKeys.versions(question.id) });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const set = (patch: Partial<QuestionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={
        question
          ? t('assessment.teach.q.editTitle', { version: question.version })
          : t('assessment.teach.q.newTitle')
      }
    >
      <QuestionBankContext.Provider value={disciplineId}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormAlert error={save.error} />
            <Group grow align="flex-start">
              <NativeSelect
                label={t('assessment.teach.q.type')}
                value={draft.data.type}
                disabled={!!question}
                data={questionTypes.map((x) => ({ value: x, label: t(`assessment.teach.type.${x}`) }))}
                onChange={(e) => set({ data: blankData(e.currentTarget.value as QuestionType) })}
                data-autofocus
              />
              <NativeSelect
                label={t('assessment.teach.q.category')}
                value={draft.categoryId}
                data={categories.map((c) => ({ value: c.id, label: c.name }))}
                onChange={(e) => set({ categoryId: e.currentTarget.value })}
              />
              <NumberInput
                label={t('assessment.teach.q.points')}
                min={0.01}
                max={1000}
                decimalScale={2}
                value={draft.points}
                error={errors.points}
                onChange={(v) => set({ points: Number(v || 0) })}
              />
            </Group>
            <TextInput
              label={t('assessment.teach.q.tags')}
              description={t('assessment.teach.q.tagsHint')}
              value={draft.tags}
              error={errors.tags}
              onChange={(e) => set({ tags: e.currentTarget.value })}
            />
            <LocalizedRichField
              label={t('assessment.teach.q.text')}
              hint={draft.data.type === 'cloze' ? t('assessment.teach.q.clozeTextHint') : undefined}
              value={draft.text}
              error={errors['text.kk']}
              onChange={(text) => set({ text })}
            />
            <QuestionDataFields data={draft.data} onChange={(data) => set({ data })} />
            <LocalizedRichField
              label={t('assessment.teach.q.feedback')}
              value={draft.feedback}
              onChange={(feedback) => set({ feedback })}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {question ? t('assessment.teach.q.saveVersion') : t('assessment.teach.q.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </QuestionBankContext.Provider>
    </AppModal>
  );
}
