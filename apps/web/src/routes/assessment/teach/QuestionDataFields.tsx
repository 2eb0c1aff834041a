import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QuestionData } from '#core/assessment/questions.ts';
import { AcceptedAnswers } from './AcceptedAnswers.tsx';
import { ClozeFields } from './ClozeGapFields.tsx';
import { L, nextId } from './questionForm.ts';
import { LocalizedLine } from './RichField.tsx';

type Props<T extends QuestionData['type']> = {
  data: Extract<QuestionData, { type: T }>;
  onChange: (d: QuestionData) => void;
};

/** The answer part of a question, per type: options, accepted answers, pairs, order, gaps. */
export function QuestionDataFields({
  data,
  onChange,
}: {
  data: QuestionData;
  onChange: (d: QuestionData) => void;
}) {
  switch (data.type) {
    case 'single':
    case 'multiple':
      return <ChoiceFields data={data} onChange={onChange} />;
    case 'truefalse':
      return <TrueFalseFields data={data} onChange={onChange} />;
    case 'short':
      return <ShortFields data={data} onChange={onChange} />;
    case 'numerical':
      return <NumericalFields data={data} onChange={onChange} />;
    case 'matching':
      return <MatchingFields data={data} onChange={onChange} />;
    case 'ordering':
      return <OrderingFields data={data} onChange={onChange} />;
    case 'cloze':
      return <ClozeFields data={data} onChange={onChange} />;
    case 'essay':
      return <EssayFields data={data} onChange={onChange} />;
  }
}

function EssayFields({ data, onChange }: Props<'essay'>) {
  const { t } = useTranslation();
  return (
    <Checkbox
      label={t('assessment.teach.q.allowFile')}
      checked={data.allowFile}
      onChange={(e) => onChange({ ...data, allowFile: e.currentTarget.checked })}
    />
  );
}

function replaceAt<T>(xs: readonly T[], i: number, x: T): T[] {
  return xs.map((y, k) => (k === i ? x : y));
}
function move<T>(xs: readonly T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= xs.length) return [...xs];
  const out = [...xs];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

function ChoiceFields({ data, onChange }: Props<'single' | 'multiple'>) {
  const { t } = useTranslation();
  const single = data.type === 'single';
  const set = (options: typeof data.options) => onChange({ ...data, options } as QuestionData);
  return (
    <Stack gap="sm">
      {data.type === 'multiple' && (
        <Group grow>
          <NativeSelect
            label={t('assessment.teach.q.scoring')}
            value={data.scoring}
            data={[
              { value: 'partial', label: t('assessment.teach.q.scoringPartial') },
              { value: 'allOrNothing', label: t('assessment.teach.q.scoringAll') },
            ]}
            onChange={(e) =>
              onChange({ ...data, scoring: e.currentTarget.value as 'partial' | 'allOrNothing' })
            }
          />
          <NumberInput
            label={t('assessment.teach.q.penalty')}
            description={t('assessment.teach.q.penaltyHint')}
            min={0}
            max={100}
            suffix="%"
            value={data.penalty === undefined ? '' : data.penalty * 100}
            onChange={(v) =>
              onChange({
                ...data,
                penalty: v === '' ? undefined : Math.min(100, Math.max(0, Number(v))) / 100,
              })
            }
          />
        </Group>
      )}
      {data.options.map((o, i) => (
        <Card key={o.id} withBorder p="xs" component="fieldset">
          <Text component="legend" size="sm" fw={600}>
            {t('assessment.teach.q.option', { n: i + 1 })}
          </Text>
          <LocalizedLine
            label={t('assessment.teach.q.optionText', { n: i + 1 })}
            images
            value={o.text}
            onChange={(text) => set(replaceAt(data.options, i, { ...o, text }))}
          />
          <LocalizedLine
            label={t('assessment.teach.q.optionFeedback', { n: i + 1 })}
            value={o.feedback ?? L()}
            onChange={(feedback) => set(replaceAt(data.options, i, { ...o, feedback }))}
          />
          <Group justify="space-between" mt="xs">
            {single ? (
              <Radio
                name="correct-option"
                label={t('assessment.teach.q.correct', { n: i + 1 })}
                checked={o.correct}
                onChange={() => set(data.options.map((x) => ({ ...x, correct: x.id === o.id })))}
              />
            ) : (
              <Checkbox
                label={t('assessment.teach.q.correct', { n: i + 1 })}
                checked={o.correct}
                onChange={(e) => set(replaceAt(data.options, i, { ...o, correct: e.currentTarget.checked }))}
              />
            )}
            <Button
              size="compact-sm"
              variant="default"
              disabled={data.options.length <= 2}
              onClick={() => set(data.options.filter((_, k) => k !== i))}
            >
              {t('assessment.teach.q.removeOption', { n: i + 1 })}
            </Button>
          </Group>
        </Card>
      ))}
      <Button
        variant="default"
        disabled={data.options.length >= 20}
        onClick={() =>
          set([...data.options, { id: nextId(data.options.map((o) => o.id)), text: L(), correct: false }])
        }
      >
        {t('assessment.teach.q.addOption')}
      </Button>
    </Stack>
  );
}

function TrueFalseFields({ data, onChange }: Props<'truefalse'>) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('assessment.teach.q.statementIs')}
      value={String(data.correct)}
      onChange={(v) => onChange({ ...data, correct: v === 'true' })}
    >
      <Group mt="xs">
        <Radio value="true" label={t('assessment.take.true')} />
        <Radio value="false" label={t('assessment.take.false')} />
      </Group>
    </Radio.Group>
  );
}

function ShortFields({ data, onChange }: Props<'short'>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('assessment.teach.q.shortHint')}</Text>
      <AcceptedAnswers
        label={t('assessment.teach.q.answer')}
        answers={data.answers}
        onChange={(answers) => onChange({ ...data, answers })}
      />
      <Checkbox
        label={t('assessment.teach.q.caseSensitive')}
        checked={data.caseSensitive}
        onChange={(e) => onChange({ ...data, caseSensitive: e.currentTarget.checked })}
      />
    </Stack>
  );
}

function NumericalFields({ data, onChange }: Props<'numerical'>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {data.answers.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <Group key={i} align="flex-end" gap="xs">
          <NumberInput
            label={t('assessment.teach.q.value', { n: i + 1 })}
            value={a.value}
            decimalScale={6}
            onChange={(v) =>
              onChange({ ...data, answers: replaceAt(data.answers, i, { ...a, value: Number(v || 0) }) })
            }
          />
          <NumberInput
            label={t('assessment.teach.q.tolerance', { n: i + 1 })}
            min={0}
            decimalScale={6}
            value={a.tolerance}
            onChange={(v) =>
              onChange({ ...data, answers: replaceAt(data.answers, i, { ...a, tolerance: Number(v || 0) }) })
            }
          />
          <NumberInput
            w={130}
            label={t('assessment.teach.q.credit', { n: i + 1 })}
            min={0}
            max={100}
            suffix="%"
            value={a.fraction * 100}
            onChange={(v) =>
              onChange({
                ...data,
                answers: replaceAt(data.answers, i, { ...a, fraction: Number(v || 0) / 100 }),
              })
            }
          />
          <Button
            variant="default"
            disabled={data.answers.length <= 1}
            onClick={() => onChange({ ...data, answers: data.answers.filter((_, k) => k !== i) })}
          >
            {t('assessment.teach.q.removeAnswer', { n: i + 1 })}
          </Button>
        </Group>
      ))}
      <Button
        variant="default"
        onClick={() =>
          onChange({ ...data, answers: [...data.answers, { value: 0, tolerance: 0, fraction: 1 }] })
        }
      >
        {t('assessment.teach.q.addAnswer')}
      </Button>
      <Text size="sm" fw={600}>
        {t('assessment.teach.q.units')}
      </Text>
      {data.units.map((u, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <Group key={i} align="flex-end" gap="xs">
          <TextInput
            label={t('assessment.teach.q.unit', { n: i + 1 })}
            value={u.unit}
            onChange={(e) =>
              onChange({ ...data, units: replaceAt(data.units, i, { ...u, unit: e.currentTarget.value }) })
            }
          />
          <NumberInput
            label={t('assessment.teach.q.multiplier', { n: i + 1 })}
            min={0}
            decimalScale={9}
            value={u.multiplier}
            onChange={(v) =>
              onChange({ ...data, units: replaceAt(data.units, i, { ...u, multiplier: Number(v || 1) }) })
            }
          />
          <Button
            variant="default"
            onClick={() => onChange({ ...data, units: data.units.filter((_, k) => k !== i) })}
          >
            {t('assessment.teach.q.removeUnit', { n: i + 1 })}
          </Button>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          onClick={() => onChange({ ...data, units: [...data.units, { unit: '', multiplier: 1 }] })}
        >
          {t('assessment.teach.q.addUnit')}
        </Button>
        <Checkbox
          label={t('assessment.teach.q.unitRequired')}
          checked={data.unitRequired}
          onChange={(e) => onChange({ ...data, unitRequired: e.currentTarget.checked })}
        />
      </Group>
    </Stack>
  );
}

function MatchingFields({ data, onChange }: Props<'matching'>) {
  const { t } = useTranslation();
  const set = (pairs: typeof data.pairs) => onChange({ ...data, pairs });
  return (
    <Stack gap="sm">
      {data.pairs.map((p, i) => (
        <Card key={p.id} withBorder p="xs" component="fieldset">
          <Text component="legend" size="sm" fw={600}>
            {t('assessment.teach.q.pair', { n: i + 1 })}
          </Text>
          <LocalizedLine
            label={t('assessment.teach.q.prompt', { n: i + 1 })}
            value={p.prompt}
            onChange={(prompt) => set(replaceAt(data.pairs, i, { ...p, prompt }))}
          />
          <LocalizedLine
            label={t('assessment.teach.q.match', { n: i + 1 })}
            value={p.answer}
            onChange={(answer) => set(replaceAt(data.pairs, i, { ...p, answer }))}
          />
          <Button
            mt="xs"
            size="compact-sm"
            variant="default"
            disabled={data.pairs.length <= 2}
            onClick={() => set(data.pairs.filter((_, k) => k !== i))}
          >
            {t('assessment.teach.q.removePair', { n: i + 1 })}
          </Button>
        </Card>
      ))}
      <Button
        variant="default"
        disabled={data.pairs.length >= 20}
        onClick={() =>
          set([...data.pairs, { id: nextId(data.pairs.map((p) => p.id)), prompt: L(), answer: L() }])
        }
      >
        {t('assessment.teach.q.addPair')}
      </Button>
    </Stack>
  );
}

function OrderingFields({ data, onChange }: Props<'ordering'>) {
  const { t } = useTranslation();
  const set = (items: typeof data.items) => onChange({ ...data, items });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('assessment.teach.q.orderHint')}</Text>
      {data.items.map((it, i) => (
        <Card key={it.id} withBorder p="xs" component="fieldset">
          <Text component="legend" size="sm" fw={600}>
            {t('assessment.teach.q.item', { n: i + 1 })}
          </Text>
          <LocalizedLine
            label={t('assessment.teach.q.itemText', { n: i + 1 })}
            value={it.text}
            onChange={(text) => set(replaceAt(data.items, i, { ...it, text }))}
          />
          <Group gap="xs" mt="xs">
            <ActionIcon
              variant="default"
              aria-label={t('assessment.teach.q.itemUp', { n: i + 1 })}
              disabled={i === 0}
              onClick={() => set(move(data.items, i, -1))}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('assessment.teach.q.itemDown', { n: i + 1 })}
              disabled={i === data.items.length - 1}
              onClick={() => set(move(data.items, i, 1))}
            >
              ↓
            </ActionIcon>
            <Button
              size="compact-sm"
              variant="default"
              disabled={data.items.length <= 2}
              onClick={() => set(data.items.filter((_, k) => k !== i))}
            >
              {t('assessment.teach.q.removeItem', { n: i + 1 })}
            </Button>
          </Group>
        </Card>
      ))}
      <Button
        variant="default"
        disabled={data.items.length >= 20}
        onClick={() => set([...data.items, { id: nextId(data.items.map((x) => x.id)), text: L() }])}
      >
        {t('assessment.teach.q.addItem')}
      </Button>
    </Stack>
  );
}
