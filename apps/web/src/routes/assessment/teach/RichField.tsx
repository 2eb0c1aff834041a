import { Box, Button, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { createContext, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Localized } from '#core/assessment/questions.ts';
import { upload } from '../../../api/client.ts';
import { ImageDialog, type ImageUploader } from '../../../components/ImageDialog.tsx';
import { RichTextEditor } from '../../../components/RichTextEditor.tsx';

const LANGS = ['kk', 'ru', 'en'] as const;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The bank whose question is being written: images are uploaded into it. */
export const QuestionBankContext = createContext<string | null>(null);

/** Pictures of a question go into its bank (with their description); none outside a bank. */
function useQuestionImageUpload(): ImageUploader | undefined {
  const disciplineId = useContext(QuestionBankContext);
  if (!disciplineId) return undefined;
  return async (file, alt) => {
    const form = new FormData();
    form.append('alt', alt);
    form.append('file', file);
    return (await upload<{ url: string }>(`/api/v1/disciplines/${disciplineId}/question-images`, form)).url;
  };
}

/** Text in the three languages, each in the visual editor with a preview as learners see it. */
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
  const uploadImage = useQuestionImageUpload();
  return (
    <RichTextEditor
      label={label}
      description={t('assessment.teach.formulaHint')}
      value={value}
      onChange={onChange}
      error={error}
      uploadImage={uploadImage}
      minHeight={90}
      preview
    />
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
  const uploadImage = useQuestionImageUpload();
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
            uploadImage={uploadImage}
            onInsert={(img) => {
              const html = `<img src="${esc(img.src)}" alt="${esc(img.alt)}">`;
              onChange({
                kk: value.kk ? `${html} ${value.kk}` : html,
                ru: value.ru ? `${html} ${value.ru}` : html,
                en: value.en ? `${html} ${value.en}` : html,
              });
            }}
          />
        </>
      )}
    </Stack>
  );
}
