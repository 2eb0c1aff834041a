import {
  Button,
  Checkbox,
  FileInput,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { ClozeInput } from './ClozeInput.tsx';
import { pick, plainText, RichText } from './shared.tsx';
import type { AnswerResponse, ServedQuestion } from './types.ts';

type Props = {
  q: ServedQuestion;
  /** The id of the element that holds the question's text (labels the answer controls). */
  labelId: string;
  value: AnswerResponse | null;
  onChange: (r: AnswerResponse, debounceMs?: number) => void;
  disabled?: boolean;
  /** The attempt an essay's file is uploaded into (absent in a teacher's preview). */
  attemptId?: string;
};

const TYPE_DEBOUNCE = 600;

/** An option's label: its text, or its rich text when it shows a picture (whose alt text joins the name). */
const optionLabel = (html: string) =>
  html.includes('<img') ? <RichText html={html} inline /> : plainText(html);

/** The answer controls of one question, each type with its accessible form control. */
export function QuestionInput({ q, labelId, value, onChange, disabled, attemptId }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const v = (value ?? {}) as Record<string, unknown>;
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group
          aria-labelledby={labelId}
          value={typeof v.choice === 'string' ? v.choice : null}
          onChange={(choice) => onChange({ choice })}
        >
          <Stack gap="xs" mt="xs">
            {(q.options ?? []).map((o) => (
              <Radio key={o.id} value={o.id} label={optionLabel(pick(lang, o.text))} disabled={disabled} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'truefalse':
      return (
        <Radio.Group
          aria-labelledby={labelId}
          value={typeof v.value === 'boolean' ? String(v.value) : null}
          onChange={(x) => onChange({ value: x === 'true' })}
        >
          <Group mt="xs">
            <Radio value="true" label={t('assessment.take.true')} disabled={disabled} />
            <Radio value="false" label={t('assessment.take.false')} disabled={disabled} />
          </Group>
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group
          aria-labelledby={labelId}
          value={Array.isArray(v.choices) ? (v.choices as string[]) : []}
          onChange={(choices) => onChange({ choices })}
        >
          <Stack gap="xs" mt="xs">
            {(q.options ?? []).map((o) => (
              <Checkbox key={o.id} value={o.id} label={optionLabel(pick(lang, o.text))} disabled={disabled} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'short':
    case 'numerical':
      return (
        <TextInput
          mt="xs"
          aria-labelledby={labelId}
          inputMode={q.type === 'numerical' ? 'decimal' : undefined}
          description={q.type === 'numerical' ? t('assessment.take.numberHint') : undefined}
          value={typeof v.text === 'string' ? v.text : ''}
          onChange={(e) => onChange({ text: e.currentTarget.value }, TYPE_DEBOUNCE)}
          disabled={disabled}
          autoComplete="off"
        />
      );
    case 'essay':
      return (
        <EssayInput
          q={q}
          labelId={labelId}
          v={v}
          onChange={onChange}
          disabled={disabled}
          attemptId={attemptId}
        />
      );
    case 'matching': {
      const pairs = (v.pairs ?? {}) as Record<string, string>;
      return (
        <Stack gap="xs" mt="xs" role="group" aria-labelledby={labelId}>
          {(q.prompts ?? []).map((p) => (
            <NativeSelect
              key={p.id}
              label={plainText(pick(lang, p.text))}
              value={pairs[p.id] ?? ''}
              disabled={disabled}
              data={[
                { value: '', label: t('assessment.take.chooseMatch') },
                ...(q.choices ?? []).map((c) => ({ value: c.id, label: plainText(pick(lang, c.text)) })),
              ]}
              onChange={(e) => {
                const next = { ...pairs };
                if (e.currentTarget.value) next[p.id] = e.currentTarget.value;
                else delete next[p.id];
                onChange({ pairs: next });
              }}
            />
          ))}
        </Stack>
      );
    }
    case 'ordering':
      return <Ordering q={q} labelId={labelId} value={value} onChange={onChange} disabled={disabled} />;
    case 'cloze':
      return <ClozeInput q={q} labelId={labelId} value={value} onChange={onChange} disabled={disabled} />;
    default:
      return null;
  }
}

function Ordering({ q, labelId, value, onChange, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const items = q.items ?? [];
  const saved = (value as { order?: string[] } | null)?.order;
  const order = saved && saved.length === items.length ? saved : items.map((i) => i.id);
  const text = (id: string) => plainText(pick(i18n.language, items.find((i) => i.id === id)?.text));
  const refs = useRef(new Map<string, HTMLButtonElement | null>());
  const [said, setSaid] = useState('');
  const move = (k: number, d: -1 | 1) => {
    const next = [...order];
    const [it] = next.splice(k, 1);
    next.splice(k + d, 0, it!);
    onChange({ order: next });
    setSaid(t('assessment.take.moved', { item: text(it!), position: k + d + 1, count: next.length }));
    // Keep the focus on the same button of the moved item (or its other button at an end).
    const edge = (d === -1 && k + d === 0) || (d === 1 && k + d === next.length - 1);
    const key = `${it}:${edge ? (d === -1 ? 'down' : 'up') : d === -1 ? 'up' : 'down'}`;
    requestAnimationFrame(() => refs.current.get(key)?.focus());
  };
  return (
    <Stack gap="xs" mt="xs">
      <Text size="sm" id={`${labelId}-hint`}>
        {saved ? t('assessment.take.orderHint') : t('assessment.take.orderHintUnsaved')}
      </Text>
      <ol aria-labelledby={labelId} style={{ margin: 0, paddingInlineStart: '1.5rem' }}>
        {order.map((id, k) => (
          <li key={id} style={{ marginBottom: 6 }}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text>{text(id)}</Text>
              <Group gap={4} wrap="nowrap">
                <Button
                  size="compact-sm"
                  variant="default"
                  ref={(el) => {
                    refs.current.set(`${id}:up`, el);
                  }}
                  disabled={disabled || k === 0}
                  aria-label={t('assessment.take.moveUp', { item: text(id) })}
                  onClick={() => move(k, -1)}
                >
                  ↑
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  ref={(el) => {
                    refs.current.set(`${id}:down`, el);
                  }}
                  disabled={disabled || k === order.length - 1}
                  aria-label={t('assessment.take.moveDown', { item: text(id) })}
                  onClick={() => move(k, 1)}
                >
                  ↓
                </Button>
              </Group>
            </Group>
          </li>
        ))}
      </ol>
      {!saved && (
        <Button variant="light" w="fit-content" disabled={disabled} onClick={() => onChange({ order })}>
          {t('assessment.take.keepOrder')}
        </Button>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {said}
      </VisuallyHidden>
    </Stack>
  );
}

function EssayInput({
  q,
  labelId,
  v,
  onChange,
  disabled,
  attemptId,
}: Omit<Props, 'value'> & { v: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const text = typeof v.text === 'string' ? v.text : '';
  const fileId = typeof v.fileId === 'string' ? v.fileId : undefined;
  const choose = async (file: File | null) => {
    if (!file || !attemptId) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const stored = await upload<{ id: string; name: string }>(
        `/api/v1/attempts/${attemptId}/answers/${q.slot}/file`,
        form,
      );
      setFileName(stored.name);
      onChange({ text, fileId: stored.id });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" mt="xs">
      <Textarea
        aria-labelledby={labelId}
        autosize
        minRows={6}
        value={text}
        onChange={(e) =>
          onChange({ text: e.currentTarget.value, ...(fileId ? { fileId } : {}) }, TYPE_DEBOUNCE)
        }
        disabled={disabled}
      />
      {q.allowFile && attemptId && (
        <>
          <FileInput
            label={t('assessment.take.attachFile')}
            accept=".pdf,.docx,.png,.jpg,.jpeg"
            disabled={disabled || busy}
            onChange={(f) => void choose(f)}
          />
          {busy && <Text size="sm">{t('assessment.take.uploading')}</Text>}
          {fileId && !busy && (
            <Text size="sm" role="status">
              {t('assessment.take.attached', { name: fileName ?? '' })}
            </Text>
          )}
          <FormAlert error={error} />
        </>
      )}
    </Stack>
  );
}
