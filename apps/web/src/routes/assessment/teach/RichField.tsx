import { Box, Button, Group, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Localized } from '#core/assessment/questions.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { RichText } from '../shared.tsx';
import { toStored } from './richText.ts';

const LANGS = ['kk', 'ru', 'en'] as const;

/** Text in the three languages, each with formula and image buttons and a preview as learners see it. */
export function LocalizedRichField({
  label,
  value,
  onChange,
  error,
  hint,
}: {
  label: string;
  value: Localized;
  onChange: (v: Localized) => void;
  error?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <Box>
      <Text fw={500} size="sm" mb={4}>
        {label}
      </Text>
      {hint && (
        <Text size="xs" c="gray.8" mb={4}>
          {hint}
        </Text>
      )}
      <Tabs defaultValue="kk" keepMounted={false}>
        <Tabs.List>
          {LANGS.map((l) => (
            <Tabs.Tab key={l} value={l}>
              {t(`assessment.teach.lang.${l}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {LANGS.map((l) => (
          <Tabs.Panel key={l} value={l} pt="xs">
            <RichField
              label={`${label} (${t(`assessment.teach.lang.${l}`)})`}
              value={value[l]}
              onChange={(x) => onChange({ ...value, [l]: x })}
              error={l === 'kk' ? error : undefined}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Box>
  );
}

function RichField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [imageOpen, setImageOpen] = useState(false);
  const [src, setSrc] = useState('');
  const [alt, setAlt] = useState('');
  const previewId = useId();
  const insert = (snippet: string, caretBack = 0) => {
    const el = ref.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    const next = value.slice(0, at) + snippet + value.slice(end);
    onChange(next);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const pos = at + snippet.length - caretBack;
      el.setSelectionRange(pos, pos);
    });
  };
  const addImage = (e: FormEvent) => {
    e.preventDefault();
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    insert(`<img src="${esc(src.trim())}" alt="${esc(alt.trim())}">`);
    setImageOpen(false);
    setSrc('');
    setAlt('');
  };
  return (
    <Stack gap={4}>
      <Textarea
        ref={ref}
        label={label}
        autosize
        minRows={3}
        value={value}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-describedby={previewId}
      />
      <Group gap="xs">
        <Button size="compact-sm" variant="default" onClick={() => insert('\\(  \\)', 3)}>
          {t('assessment.teach.insertFormula')}
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => setImageOpen(true)}>
          {t('assessment.teach.insertImage')}
        </Button>
      </Group>
      <Text size="xs" c="gray.8">
        {t('assessment.teach.formulaHint')}
      </Text>
      {value.trim() && (
        <Box id={previewId} p="xs" style={{ border: '1px dashed var(--mantine-color-gray-5)' }}>
          <Text size="xs" c="gray.8">
            {t('assessment.teach.preview')}
          </Text>
          <RichText html={toStored(value)} />
        </Box>
      )}
      <AppModal
        opened={imageOpen}
        onClose={() => setImageOpen(false)}
        title={t('assessment.teach.insertImage')}
      >
        <form onSubmit={addImage}>
          <Stack>
            <TextInput
              label={t('assessment.teach.imageUrl')}
              description={t('assessment.teach.imageUrlHint')}
              required
              type="url"
              value={src}
              onChange={(e) => setSrc(e.currentTarget.value)}
              data-autofocus
            />
            <TextInput
              label={t('assessment.teach.imageAlt')}
              required
              value={alt}
              onChange={(e) => setAlt(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button type="submit">{t('assessment.teach.insert')}</Button>
            </Group>
          </Stack>
        </form>
      </AppModal>
    </Stack>
  );
}

/** A short text (an option, a pair) in the three languages side by side. */
export function LocalizedLine({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Localized;
  onChange: (v: Localized) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start" gap="xs">
      {LANGS.map((l) => (
        <TextInput
          key={l}
          label={`${label} (${t(`assessment.teach.lang.${l}`)})`}
          value={value[l]}
          onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })}
        />
      ))}
    </Group>
  );
}
