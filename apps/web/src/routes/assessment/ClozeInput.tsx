import { NativeSelect, Radio, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ServedGap } from '#core/assessment/cloze.ts';
import { pick, RichText } from './shared.tsx';
import type { AnswerResponse, ServedQuestion } from './types.ts';

const TYPE_DEBOUNCE = 600;

/** The question's gaps with their kinds (a server that sends only ids sends short-answer gaps). */
export function gapsOf(q: ServedQuestion | undefined): ServedGap[] {
  return (q?.gaps ?? []).map((g) => (typeof g === 'string' ? { id: g, kind: 'short' as const } : g));
}

/** "Gap 2": the gap's place in the question, or its id when the question is not at hand. */
export function gapName(t: TFunction, q: ServedQuestion | undefined, id: string): string {
  const n = gapsOf(q).findIndex((g) => g.id === id) + 1;
  return t('assessment.take.gap', { n: n || id });
}

/** What a learner gave in a gap, in words: a choice gap's option id becomes the option's text. */
export function gapAnswerText(q: ServedQuestion | undefined, id: string, value: string): string {
  const g = gapsOf(q).find((x) => x.id === id);
  if (g?.kind === 'choice') return g.options.find((o) => o.id === value)?.text ?? value;
  return value;
}

type Props = {
  q: ServedQuestion;
  labelId: string;
  value: AnswerResponse | null;
  onChange: (r: AnswerResponse, debounceMs?: number) => void;
  disabled?: boolean;
};

/** The question's text with each gap as its control: a text box, a number box, a menu or radio buttons. */
export function ClozeInput({ q, labelId, value, onChange, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const given = ((value as { gaps?: Record<string, string> } | null)?.gaps ?? {}) as Record<string, string>;
  const parts = pick(i18n.language, q.text).split(/\{\{\s*([^}\s]+)\s*\}\}/);
  const gaps = gapsOf(q);
  const put = (id: string, v: string, debounce?: number) => {
    const next = { ...given };
    if (v === '') delete next[id];
    else next[id] = v;
    onChange({ gaps: next }, debounce);
  };
  return (
    <fieldset aria-labelledby={labelId} style={{ border: 0, margin: 0, padding: 0, lineHeight: 2.4 }}>
      {parts.map((part, k) => {
        if (k % 2 === 0)
          // biome-ignore lint/suspicious/noArrayIndexKey: the text's pieces never reorder
          return <RichText key={k} html={part} inline />;
        const n = gaps.findIndex((g) => g.id === part) + 1;
        const g = gaps[n - 1] ?? { id: part, kind: 'short' as const };
        const label = t('assessment.take.gap', { n: n || part });
        const current = given[g.id] ?? '';
        if (g.kind === 'choice') {
          // In the order served: the server has shuffled them for this attempt.
          const options = g.options;
          if (g.display === 'dropdown')
            return (
              <NativeSelect
                // biome-ignore lint/suspicious/noArrayIndexKey: a gap may appear twice
                key={k}
                display="inline-block"
                mx={4}
                size="xs"
                aria-label={label}
                value={current}
                disabled={disabled}
                data={[
                  { value: '', label: t('assessment.take.chooseGap') },
                  ...options.map((o) => ({ value: o.id, label: o.text })),
                ]}
                onChange={(e) => put(g.id, e.currentTarget.value)}
              />
            );
          const vertical = g.display === 'vertical';
          return (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: a gap may appear twice
              key={k}
              role="radiogroup"
              aria-label={label}
              style={{
                display: vertical ? 'flex' : 'inline-flex',
                flexDirection: vertical ? 'column' : 'row',
                flexWrap: 'wrap',
                gap: vertical ? 2 : 16,
                margin: '0 4px',
                verticalAlign: 'middle',
                lineHeight: 1.6,
              }}
            >
              {options.map((o) => (
                <Radio
                  key={o.id}
                  name={`${labelId}-${g.id}-${k}`}
                  value={o.id}
                  label={o.text}
                  checked={current === o.id}
                  disabled={disabled}
                  onChange={() => put(g.id, o.id)}
                />
              ))}
            </span>
          );
        }
        return (
          <TextInput
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap may appear twice
            key={k}
            display="inline-block"
            w={g.kind === 'numeric' ? 110 : 160}
            mx={4}
            size="xs"
            aria-label={g.kind === 'numeric' ? t('assessment.take.gapNumber', { n: n || part }) : label}
            inputMode={g.kind === 'numeric' ? 'decimal' : undefined}
            value={current}
            disabled={disabled}
            autoComplete="off"
            onChange={(e) => put(g.id, e.currentTarget.value, TYPE_DEBOUNCE)}
          />
        );
      })}
    </fieldset>
  );
}
