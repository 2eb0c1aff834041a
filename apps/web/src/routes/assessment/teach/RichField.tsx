import { Box, Button, FileInput, Group, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { createContext, type FormEvent, useContext, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Localized } from '#core/assessment/questions.ts';
import { upload } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { RichText } from '../shared.tsx';
import { toStored } from './richText.ts';

const LANGS = ['kk', 'ru', 'en'] as const;

/** The bank whose question is being written: images are uploaded into it. */
export const QuestionBankContext = createContext<string | null>(null);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Inserting a picture: uploaded from the computer into the bank (when writing a question)
 * or by its address, always with a description for those who cannot see it.
 */
function ImageDialog({
  opened,
  onClose,
  onInsert,
}: {
  opened: boolean;
  onClose: () => void;
  onInsert: (html: string) => void;
}) {
  const { t } = useTranslation();
  const disciplineId = useContext(QuestionBankContext);
  const [file, setFile] = useState<File | null>(null);
  const [src, setSrc] = useState('');
  const [alt, setAlt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const close = () => {
    setFile(null);
    setSrc('');
    setAlt('');
    setError(null);
    setMissing(null);
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setError(null);
    if (!alt.trim()) return setMissing('alt');
    if (!file && !src.trim()) return setMissing('source');
    setMissing(null);
    let url = src.trim();
    if (file && disciplineId) {
      setBusy(true);
      try {
        const form = new FormData();
        form.append('alt', alt.trim());
        form.append('file', file);
        const stored = await upload<{ url: string }>(
          `/api/v1/disciplines/${disciplineId}/question-images`,
          form,
        );
        url = stored.url;
      } catch (err) {
        setError(err);
        return;
      } finally {
        setBusy(false);
      }
    }
    onInsert(`<img src="${esc(url)}" alt="${esc(alt.trim())}">`);
    close();
  };
  return (
    <AppModal opened={opened} onClose={close} title={t('assessment.teach.insertImage')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          {disciplineId && (
            <FileInput
              label={t('assessment.teach.imageFile')}
              description={t('assessment.teach.imageFileHint')}
              accept="image/png,image/jpeg,image/gif,image/webp"
              clearable
              clearButtonProps={{ 'aria-label': t('assessment.teach.imageClear') }}
              value={file}
              onChange={setFile}
              error={missing === 'source' ? t('assessment.teach.imageNeedsSource') : undefined}
              data-autofocus
            />
          )}
          <TextInput
            label={disciplineId ? t('assessment.teach.imageUrlOr') : t('assessment.teach.imageUrl')}
            description={t('assessment.teach.imageUrlHint')}
            required={!disciplineId}
            type="url"
            value={src}
            disabled={!!file}
            onChange={(e) => setSrc(e.currentTarget.value)}
            error={!disciplineId && missing === 'source' ? t('assessment.teach.imageNeedsSource') : undefined}
            data-autofocus={disciplineId ? undefined : true}
          />
          <TextInput
            label={t('assessment.teach.imageAlt')}
            description={t('assessment.teach.imageAltHint')}
            required
            value={alt}
            onChange={(e) => setAlt(e.currentTarget.value)}
            error={missing === 'alt' ? t('assessment.teach.imageAltMissing') : undefined}
          />
          {busy && (
            <Text size="sm" role="status">
              {t('assessment.teach.imageUploading')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('assessment.teach.insert')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

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
      <ImageDialog opened={imageOpen} onClose={() => setImageOpen(false)} onInsert={(html) => insert(html)} />
    </Stack>
  );
}

/**
 * A short text (an option, a pair) in the three languages side by side; with `images`, a
 * button adds a picture (with its description) to the text in every language.
 */
export function LocalizedLine({
  label,
  value,
  onChange,
  images,
}: {
  label: string;
  value: Localized;
  onChange: (v: Localized) => void;
  images?: boolean;
}) {
  const { t } = useTranslation();
  const [imageOpen, setImageOpen] = useState(false);
  return (
    <Stack gap={4}>
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
      {images && (
        <>
          <Button
            size="compact-sm"
            variant="default"
            w="fit-content"
            aria-label={`${t('assessment.teach.insertImage')}: ${label}`}
            onClick={() => setImageOpen(true)}
          >
            {t('assessment.teach.insertImage')}
          </Button>
          <ImageDialog
            opened={imageOpen}
            onClose={() => setImageOpen(false)}
            onInsert={(html) =>
              onChange({
                kk: value.kk ? `${html} ${value.kk}` : html,
                ru: value.ru ? `${html} ${value.ru}` : html,
                en: value.en ? `${html} ${value.en}` : html,
              })
            }
          />
        </>
      )}
    </Stack>
  );
}
