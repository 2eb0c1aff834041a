import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const replaceAt = <T,>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, k) => (k === i ? x : y));

/** Accepted answers of a short answer (or a Cloze short-answer gap), each with its credit. */
type Accepted = { text: string; fraction: number };
export function AcceptedAnswers<A extends Accepted>({
  answers,
  onChange,
  label,
}: {
  answers: A[];
  onChange: (a: A[]) => void;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {answers.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <Group key={i} align="flex-end" gap="xs">
          <TextInput
            style={{ flex: 1 }}
            label={t('assessment.teach.q.accepted', { label, n: i + 1 })}
            value={a.text}
            onChange={(e) => onChange(replaceAt(answers, i, { ...a, text: e.currentTarget.value }))}
          />
          <NumberInput
            w={130}
            label={t('assessment.teach.q.credit', { n: i + 1 })}
            min={0}
            max={100}
            suffix="%"
            value={a.fraction * 100}
            onChange={(v) => onChange(replaceAt(answers, i, { ...a, fraction: Number(v || 0) / 100 }))}
          />
          <Button
            variant="default"
            disabled={answers.length <= 1}
            onClick={() => onChange(answers.filter((_, k) => k !== i))}
          >
            {t('assessment.teach.q.removeAnswer', { n: i + 1 })}
          </Button>
        </Group>
      ))}
      <Button variant="default" onClick={() => onChange([...answers, { text: '', fraction: 1 } as A])}>
        {t('assessment.teach.q.addAnswer')}
      </Button>
    </Stack>
  );
}
