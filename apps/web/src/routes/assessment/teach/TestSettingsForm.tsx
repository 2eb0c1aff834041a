import {
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gradingMethods, reviewWhens } from '#core/assessment/outcome.ts';
import { type TestSettings, testKinds } from '#core/wire/assessment.ts';
import { fieldErrors, get, put } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { pick, plainText } from '../shared.tsx';
import {
  type Category,
  fromLocalInput,
  type QuestionPage,
  type TestDetail,
  teachKeys,
  toLocalInput,
} from './api.ts';
import { L } from './questionForm.ts';
import { LocalizedLine } from './RichField.tsx';

type Part = TestSettings['parts'][number];
type Draft = {
  title: string;
  kind: TestDetail['kind'];
  opensAt: string;
  closesAt: string;
  timeLimitMin: number | '';
  attemptsAllowed: number | '';
  settings: TestSettings;
  password: string;
  allowedIps: string;
  controlActivityId: string;
};

function draftOf(x: TestDetail): Draft {
  return {
    title: x.title,
    kind: x.kind,
    opensAt: toLocalInput(x.opensAt),
    closesAt: toLocalInput(x.closesAt),
    timeLimitMin: x.timeLimitSec === null ? '' : Math.round(x.timeLimitSec / 60),
    attemptsAllowed: x.attemptsAllowed ?? '',
    settings: x.settings,
    password: x.settings.password ?? '',
    allowedIps: (x.settings.allowedIps ?? []).join('\n'),
    controlActivityId: x.controlActivityId ?? '',
  };
}

function bodyOf(d: Draft) {
  const { password: _p, ...settings } = d.settings;
  return {
    title: d.title,
    kind: d.kind,
    opensAt: fromLocalInput(d.opensAt),
    closesAt: fromLocalInput(d.closesAt),
    timeLimitSec: d.timeLimitMin === '' ? null : Math.round(Number(d.timeLimitMin) * 60),
    attemptsAllowed: d.attemptsAllowed === '' ? null : Number(d.attemptsAllowed),
    controlActivityId: d.kind === 'self' || !d.controlActivityId ? null : d.controlActivityId,
    settings: {
      ...settings,
      ...(d.password ? { password: d.password } : {}),
      allowedIps: d.allowedIps
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}

/** Every setting of a draft test; a published test is shown read-only. */
export function TestSettingsForm({ test, disciplineId }: { test: TestDetail; disciplineId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [d, setD] = useState<Draft>(() => draftOf(test));
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setS = (patch: Partial<TestSettings>) =>
    setD((x) => ({ ...x, settings: { ...x.settings, ...patch } }));
  const cats = useQuery({
    queryKey: teachKeys.categories(disciplineId),
    queryFn: () => get<{ items: Category[] }>(`/api/v1/disciplines/${disciplineId}/question-categories`),
  });
  const bank = useQuery({
    queryKey: [...teachKeys.questions(disciplineId), null, ''],
    queryFn: () => get<QuestionPage>(`/api/v1/disciplines/${disciplineId}/questions`, { pageSize: 500 }),
  });
  // The journal column the grade fills: one of the offering's control activities.
  const journal = useQuery({
    queryKey: ['assessment', 'teach', 'activities', test.offeringId],
    queryFn: () =>
      get<{ activities: { id: string; title: string }[] }>(`/api/v1/offerings/${test.offeringId}/journal`),
    retry: false,
  });
  const save = useMutation({
    mutationFn: () =>
      put<TestDetail>(`/api/v1/tests/${test.id}`, bodyOf(d), {
        'If-Match': `"${test.version}"`,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: teachKeys.test(test.id) }),
  });
  const errors = fieldErrors(save.error);
  const readOnly = test.status === 'published';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const parts = d.settings.parts;
  const setPart = (i: number, p: Part) => setS({ parts: parts.map((x, k) => (k === i ? p : x)) });
  const categories = cats.data?.items ?? [];
  const questions = bank.data?.items ?? [];
  const qLabel = (id: string) => {
    const q = questions.find((x) => x.id === id);
    return q ? plainText(pick(i18n.language, q.text)).slice(0, 80) || q.id : id;
  };
  const reviewKeys = ['score', 'correctness', 'correctAnswers', 'feedback'] as const;
  return (
    <form onSubmit={submit} noValidate>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <FormAlert error={save.error} />
          {save.isSuccess && (
            <Text role="status" size="sm">
              {t('assessment.teach.saved')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('assessment.teach.testTitle')}
              required
              value={d.title}
              error={errors.title}
              onChange={(e) => set({ title: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('assessment.teach.kind')}
              value={d.kind}
              data={testKinds.map((k) => ({ value: k, label: t(`assessment.kind.${k}`) }))}
              onChange={(e) => set({ kind: e.currentTarget.value as Draft['kind'] })}
            />
            <TextInput
              type="datetime-local"
              label={t('assessment.teach.opensAt')}
              value={d.opensAt}
              error={errors.opensAt}
              onChange={(e) => set({ opensAt: e.currentTarget.value })}
            />
            <TextInput
              type="datetime-local"
              label={t('assessment.teach.closesAt')}
              value={d.closesAt}
              error={errors.closesAt}
              onChange={(e) => set({ closesAt: e.currentTarget.value })}
            />
            <NumberInput
              label={t('assessment.teach.timeLimit')}
              description={t('assessment.teach.timeLimitHint')}
              min={1}
              value={d.timeLimitMin}
              error={errors.timeLimitSec}
              onChange={(v) => set({ timeLimitMin: v === '' ? '' : Number(v) })}
            />
            <NumberInput
              label={t('assessment.teach.attempts')}
              description={t('assessment.teach.attemptsHint')}
              min={1}
              max={100}
              disabled={d.kind === 'self'}
              value={d.kind === 'self' ? '' : d.attemptsAllowed}
              error={errors.attemptsAllowed}
              onChange={(v) => set({ attemptsAllowed: v === '' ? '' : Number(v) })}
            />
            {d.kind !== 'self' && journal.data && (
              <NativeSelect
                label={t('assessment.teach.journalColumn')}
                description={t('assessment.teach.journalColumnHint')}
                value={d.controlActivityId}
                error={errors.controlActivityId}
                data={[
                  { value: '', label: t('assessment.teach.noJournalColumn') },
                  ...journal.data.activities.map((a) => ({ value: a.id, label: a.title })),
                ]}
                onChange={(e) => set({ controlActivityId: e.currentTarget.value })}
              />
            )}
            <NativeSelect
              label={t('assessment.teach.gradingMethod')}
              value={d.settings.gradingMethod}
              data={gradingMethods.map((m) => ({ value: m, label: t(`assessment.method.${m}`) }))}
              onChange={(e) =>
                setS({ gradingMethod: e.currentTarget.value as TestSettings['gradingMethod'] })
              }
            />
            <NumberInput
              label={t('assessment.teach.passMark')}
              min={0}
              max={100}
              suffix="%"
              value={d.settings.passMark}
              onChange={(v) => setS({ passMark: Number(v || 0) })}
            />
          </SimpleGrid>

          <Fieldset legend={t('assessment.teach.composition')}>
            <Stack gap="sm">
              {parts.length === 0 && <Text size="sm">{t('assessment.teach.noParts')}</Text>}
              {parts.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity but their place
                <Card key={i} withBorder p="xs">
                  {p.kind === 'fixed' ? (
                    <NativeSelect
                      label={t('assessment.teach.fixedPart', { n: i + 1 })}
                      value={p.questionId}
                      data={questions.map((q) => ({ value: q.id, label: qLabel(q.id) }))}
                      onChange={(e) => setPart(i, { kind: 'fixed', questionId: e.currentTarget.value })}
                    />
                  ) : (
                    <SimpleGrid cols={{ base: 1, sm: 3 }}>
                      <NativeSelect
                        label={t('assessment.teach.randomFrom', { n: i + 1 })}
                        value={p.categoryId}
                        data={categories.map((c) => ({
                          value: c.id,
                          label: `${c.name} (${c.questionCount})`,
                        }))}
                        onChange={(e) => setPart(i, { ...p, categoryId: e.currentTarget.value })}
                      />
                      <NumberInput
                        label={t('assessment.teach.randomCount', { n: i + 1 })}
                        min={1}
                        max={500}
                        value={p.count}
                        onChange={(v) => setPart(i, { ...p, count: Math.max(1, Number(v || 1)) })}
                      />
                      <TextInput
                        label={t('assessment.teach.randomTag', { n: i + 1 })}
                        value={p.tag ?? ''}
                        onChange={(e) => {
                          const tag = e.currentTarget.value.trim();
                          const { tag: _old, ...rest } = p;
                          setPart(i, tag ? { ...rest, tag } : rest);
                        }}
                      />
                      <Checkbox
                        label={t('assessment.teach.includeSub', { n: i + 1 })}
                        checked={p.includeSubcategories}
                        onChange={(e) => setPart(i, { ...p, includeSubcategories: e.currentTarget.checked })}
                      />
                    </SimpleGrid>
                  )}
                  <Group justify="flex-end" mt="xs">
                    <Button
                      size="compact-sm"
                      variant="default"
                      onClick={() => setS({ parts: parts.filter((_, k) => k !== i) })}
                    >
                      {t('assessment.teach.removePart', { n: i + 1 })}
                    </Button>
                  </Group>
                </Card>
              ))}
              <Group>
                <Button
                  variant="default"
                  disabled={questions.length === 0}
                  onClick={() => setS({ parts: [...parts, { kind: 'fixed', questionId: questions[0]!.id }] })}
                >
                  {t('assessment.teach.addFixed')}
                </Button>
                <Button
                  variant="default"
                  disabled={categories.length === 0}
                  onClick={() =>
                    setS({
                      parts: [
                        ...parts,
                        {
                          kind: 'random',
                          categoryId: categories[0]!.id,
                          count: 1,
                          includeSubcategories: false,
                        },
                      ],
                    })
                  }
                >
                  {t('assessment.teach.addRandom')}
                </Button>
              </Group>
              <Group>
                <Checkbox
                  label={t('assessment.teach.shuffleQuestions')}
                  checked={d.settings.shuffleQuestions}
                  onChange={(e) => setS({ shuffleQuestions: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('assessment.teach.shuffleOptions')}
                  checked={d.settings.shuffleOptions}
                  onChange={(e) => setS({ shuffleOptions: e.currentTarget.checked })}
                />
              </Group>
              <NativeSelect
                label={t('assessment.teach.navigation')}
                value={d.settings.navigation}
                data={[
                  { value: 'free', label: t('assessment.teach.navFree') },
                  { value: 'sequential', label: t('assessment.teach.navSequential') },
                ]}
                onChange={(e) => setS({ navigation: e.currentTarget.value as 'free' | 'sequential' })}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('assessment.teach.reviewOptions')}>
            {d.kind === 'self' && <Text size="sm">{t('assessment.teach.selfReview')}</Text>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {reviewKeys.map((k) => (
                <NativeSelect
                  key={k}
                  label={t(`assessment.teach.review.${k}`)}
                  value={d.settings.review[k]}
                  data={reviewWhens.map((w) => ({ value: w, label: t(`assessment.teach.when.${w}`) }))}
                  onChange={(e) =>
                    setS({
                      review: {
                        ...d.settings.review,
                        [k]: e.currentTarget.value as (typeof reviewWhens)[number],
                      },
                    })
                  }
                />
              ))}
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('assessment.teach.bands')}>
            <Stack gap="xs">
              <Text size="sm">{t('assessment.teach.bandsHint')}</Text>
              {d.settings.feedbackBands.map((b, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: bands have no identity but their place
                <Card key={i} withBorder p="xs">
                  <NumberInput
                    label={t('assessment.teach.bandFrom', { n: i + 1 })}
                    min={0}
                    max={100}
                    suffix="%"
                    w={200}
                    value={b.minPercent}
                    onChange={(v) =>
                      setS({
                        feedbackBands: d.settings.feedbackBands.map((x, k) =>
                          k === i ? { ...x, minPercent: Number(v || 0) } : x,
                        ),
                      })
                    }
                  />
                  <LocalizedLine
                    label={t('assessment.teach.bandText', { n: i + 1 })}
                    value={b.text}
                    onChange={(text) =>
                      setS({
                        feedbackBands: d.settings.feedbackBands.map((x, k) => (k === i ? { ...x, text } : x)),
                      })
                    }
                  />
                  <Button
                    mt="xs"
                    size="compact-sm"
                    variant="default"
                    onClick={() =>
                      setS({ feedbackBands: d.settings.feedbackBands.filter((_, k) => k !== i) })
                    }
                  >
                    {t('assessment.teach.removeBand', { n: i + 1 })}
                  </Button>
                </Card>
              ))}
              <Button
                variant="default"
                onClick={() =>
                  setS({ feedbackBands: [...d.settings.feedbackBands, { minPercent: 0, text: L() }] })
                }
              >
                {t('assessment.teach.addBand')}
              </Button>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('assessment.teach.access')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PasswordInput
                label={t('assessment.teach.password')}
                description={t('assessment.teach.passwordHint')}
                value={d.password}
                onChange={(e) => set({ password: e.currentTarget.value })}
                autoComplete="new-password"
              />
              <Textarea
                label={t('assessment.teach.allowedIps')}
                description={t('assessment.teach.allowedIpsHint')}
                value={d.allowedIps}
                error={Object.entries(errors).find(([k]) => k.startsWith('settings.allowedIps'))?.[1]}
                onChange={(e) => set({ allowedIps: e.currentTarget.value })}
              />
            </SimpleGrid>
          </Fieldset>
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('assessment.teach.saveSettings')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
