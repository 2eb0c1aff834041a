import {
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type ClozeGap,
  clozeDisplays,
  clozeGapKinds,
  type QuestionData,
} from '#core/assessment/questions.ts';
import { AcceptedAnswers } from './AcceptedAnswers.tsx';
import { nextId } from './questionForm.ts';

type Cloze = Extract<QuestionData, { type: 'cloze' }>;
type Kind = (typeof clozeGapKinds)[number];

const replaceAt = <T,>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, k) => (k === i ? x : y));
// The inputs bound the values on blur (min, max) and tell the change; the server refuses what is out of range.
const percent = (v: string | number) => Number(v || 0) / 100;

function freeGapId(gaps: readonly { id: string }[]): string {
  for (let n = gaps.length + 1; ; n++) if (!gaps.some((g) => g.id === `g${n}`)) return `g${n}`;
}

/** A blank gap of a kind, keeping the id and weight of the gap it replaces. */
export function blankGap(kind: Kind, id: string, weight = 1): ClozeGap {
  if (kind === 'choice')
    return {
      kind,
      id,
      weight,
      display: 'dropdown',
      shuffle: false,
      answers: [
        { id: 'a', text: '', fraction: 1 },
        { id: 'b', text: '', fraction: 0 },
      ],
    };
  if (kind === 'numeric')
    return { kind, id, weight, answers: [{ value: 0, tolerance: 0, fraction: 1, text: '0' }] };
  return { kind: 'short', id, weight, answers: [{ text: '', fraction: 1 }], caseSensitive: false };
}

/** The gaps of a Cloze question: each a short answer, a choice (menu or radios) or a number. */
export function ClozeFields({ data, onChange }: { data: Cloze; onChange: (d: QuestionData) => void }) {
  const { t } = useTranslation();
  const set = (gaps: Cloze['gaps']) => onChange({ ...data, gaps });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('assessment.teach.q.clozeHint')}</Text>
      {data.gaps.map((g, i) => {
        const kind = g.kind ?? 'short';
        const put = (next: ClozeGap) => set(replaceAt(data.gaps, i, next));
        return (
          <Card key={g.id} withBorder p="xs" component="fieldset">
            <Text component="legend" size="sm" fw={600}>
              {t('assessment.teach.q.gap', { id: g.id })}
            </Text>
            <Group grow align="flex-end" mb="xs">
              <NativeSelect
                label={t('assessment.teach.q.gapKind', { id: g.id })}
                value={kind}
                data={clozeGapKinds.map((k) => ({ value: k, label: t(`assessment.teach.q.gapKinds.${k}`) }))}
                onChange={(e) => put(blankGap(e.currentTarget.value as Kind, g.id, g.weight ?? 1))}
              />
              <NumberInput
                label={t('assessment.teach.q.gapWeight', { id: g.id })}
                description={t('assessment.teach.q.gapWeightHint')}
                min={1}
                max={100}
                allowDecimal={false}
                value={g.weight ?? 1}
                onChange={(v) =>
                  put({ ...g, weight: Math.min(100, Math.max(1, Math.round(Number(v || 1)))) })
                }
              />
            </Group>
            {g.kind === 'choice' ? (
              <ChoiceGap g={g} onChange={put} />
            ) : g.kind === 'numeric' ? (
              <NumericGap g={g} onChange={put} />
            ) : (
              <>
                <AcceptedAnswers
                  label={`{{${g.id}}}`}
                  answers={g.answers}
                  onChange={(answers) => put({ ...g, answers })}
                />
                <Checkbox
                  mt="xs"
                  label={t('assessment.teach.q.caseSensitive')}
                  checked={g.caseSensitive ?? false}
                  onChange={(e) => put({ ...g, caseSensitive: e.currentTarget.checked })}
                />
              </>
            )}
            <Group justify="flex-end" mt="xs">
              <Button
                size="compact-sm"
                variant="default"
                disabled={data.gaps.length <= 1}
                onClick={() => set(data.gaps.filter((_, k) => k !== i))}
              >
                {t('assessment.teach.q.removeGap', { id: g.id })}
              </Button>
            </Group>
          </Card>
        );
      })}
      <Button
        variant="default"
        disabled={data.gaps.length >= 50}
        onClick={() => set([...data.gaps, blankGap('short', freeGapId(data.gaps))])}
      >
        {t('assessment.teach.q.addGap')}
      </Button>
    </Stack>
  );
}

/** The end of a choice's or a number's row: its credit, its feedback and its remove button. */
function CreditFeedbackRemove<A extends { fraction: number; feedback?: string | undefined }>({
  gapId,
  n,
  answer,
  onChange,
  removeLabel,
  onRemove,
}: {
  gapId: string;
  n: number;
  answer: A;
  onChange: (a: A) => void;
  removeLabel: string;
  /** null when the row may not go (a gap keeps its least number of rows) */
  onRemove: (() => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <NumberInput
        w={130}
        label={t('assessment.teach.q.credit', { n })}
        min={0}
        max={100}
        suffix="%"
        value={answer.fraction * 100}
        onChange={(v) => onChange({ ...answer, fraction: percent(v) })}
      />
      <FeedbackInput
        label={t('assessment.teach.q.gapFeedback', { id: gapId, n })}
        value={answer.feedback}
        onChange={(feedback) => onChange({ ...answer, feedback })}
      />
      <Button variant="default" disabled={!onRemove} onClick={() => onRemove?.()}>
        {removeLabel}
      </Button>
    </>
  );
}

type ChoiceGapData = Extract<ClozeGap, { kind: 'choice' }>;
function ChoiceGap({ g, onChange }: { g: ChoiceGapData; onChange: (g: ClozeGap) => void }) {
  const { t } = useTranslation();
  const setAnswers = (answers: ChoiceGapData['answers']) => onChange({ ...g, answers });
  return (
    <Stack gap="xs">
      <Group grow align="flex-end">
        <NativeSelect
          label={t('assessment.teach.q.gapDisplay', { id: g.id })}
          value={g.display}
          data={clozeDisplays.map((d) => ({ value: d, label: t(`assessment.teach.q.gapDisplays.${d}`) }))}
          onChange={(e) => onChange({ ...g, display: e.currentTarget.value as ChoiceGapData['display'] })}
        />
        <Checkbox
          label={t('assessment.teach.q.gapShuffle')}
          checked={g.shuffle}
          onChange={(e) => onChange({ ...g, shuffle: e.currentTarget.checked })}
        />
      </Group>
      {g.answers.map((a, k) => (
        <Group key={a.id} align="flex-end" gap="xs">
          <TextInput
            style={{ flex: 2 }}
            label={t('assessment.teach.q.gapOption', { id: g.id, n: k + 1 })}
            value={a.text}
            onChange={(e) => setAnswers(replaceAt(g.answers, k, { ...a, text: e.currentTarget.value }))}
          />
          <CreditFeedbackRemove
            gapId={g.id}
            n={k + 1}
            answer={a}
            onChange={(x) => setAnswers(replaceAt(g.answers, k, x))}
            removeLabel={t('assessment.teach.q.removeOption', { n: k + 1 })}
            onRemove={g.answers.length > 2 ? () => setAnswers(g.answers.filter((_, j) => j !== k)) : null}
          />
        </Group>
      ))}
      <Button
        variant="default"
        w="fit-content"
        disabled={g.answers.length >= 30}
        onClick={() =>
          setAnswers([...g.answers, { id: nextId(g.answers.map((a) => a.id)), text: '', fraction: 0 }])
        }
      >
        {t('assessment.teach.q.addOption')}
      </Button>
    </Stack>
  );
}

type NumericGapData = Extract<ClozeGap, { kind: 'numeric' }>;
function NumericGap({ g, onChange }: { g: NumericGapData; onChange: (g: ClozeGap) => void }) {
  const { t } = useTranslation();
  const setAnswers = (answers: NumericGapData['answers']) => onChange({ ...g, answers });
  return (
    <Stack gap="xs">
      <Text size="sm">{t('assessment.teach.q.gapNumericHint')}</Text>
      {g.answers.map((a, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <Group key={k} align="flex-end" gap="xs">
          <NumberInput
            label={t('assessment.teach.q.value', { n: k + 1 })}
            value={a.value}
            decimalScale={6}
            onChange={(v) => {
              const value = Number(v || 0);
              setAnswers(replaceAt(g.answers, k, { ...a, value, text: String(value) }));
            }}
          />
          <NumberInput
            label={t('assessment.teach.q.tolerance', { n: k + 1 })}
            min={0}
            decimalScale={6}
            value={a.tolerance}
            onChange={(v) => setAnswers(replaceAt(g.answers, k, { ...a, tolerance: Number(v || 0) }))}
          />
          <CreditFeedbackRemove
            gapId={g.id}
            n={k + 1}
            answer={a}
            onChange={(x) => setAnswers(replaceAt(g.answers, k, x))}
            removeLabel={t('assessment.teach.q.removeAnswer', { n: k + 1 })}
            onRemove={g.answers.length > 1 ? () => setAnswers(g.answers.filter((_, j) => j !== k)) : null}
          />
        </Group>
      ))}
      <Button
        variant="default"
        w="fit-content"
        disabled={g.answers.length >= 20}
        onClick={() => setAnswers([...g.answers, { value: 0, tolerance: 0, fraction: 1, text: '0' }])}
      >
        {t('assessment.teach.q.addAnswer')}
      </Button>
    </Stack>
  );
}

function FeedbackInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <TextInput
      style={{ flex: 2 }}
      label={label}
      maxLength={2000}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
    />
  );
}
