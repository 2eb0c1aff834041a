import { Button, FileInput, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from './AppModal.tsx';
import { FormAlert } from './FormAlert.tsx';

/** Images come over https or from this site (the server drops anything else). */
const IMAGE_URL = /^(https:\/\/|\/(?!\/))/i;

/** Uploads an image (with its description) and answers its address on this site. */
export type ImageUploader = (file: File, alt: string) => Promise<string>;

/**
 * Inserting a picture: uploaded from the computer (where the page can store it) or by its
 * address, always with a description for those who cannot see it.
 */
export function ImageDialog({
  opened,
  onClose,
  onInsert,
  uploadImage,
}: {
  opened: boolean;
  onClose: () => void;
  onInsert: (image: { src: string; alt: string }) => void;
  uploadImage?: ImageUploader;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [src, setSrc] = useState('');
  const [alt, setAlt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<'alt' | 'source' | 'url' | null>(null);
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
    if (!file && !IMAGE_URL.test(src.trim())) return setMissing('url');
    setMissing(null);
    let url = src.trim();
    if (file && uploadImage) {
      setBusy(true);
      try {
        url = await uploadImage(file, alt.trim());
      } catch (err) {
        setError(err);
        return;
      } finally {
        setBusy(false);
      }
    }
    onInsert({ src: url, alt: alt.trim() });
    close();
  };
  const sourceError =
    missing === 'source'
      ? t('editor.image.needsSource')
      : missing === 'url'
        ? t('editor.image.badUrl')
        : undefined;
  return (
    <AppModal opened={opened} onClose={close} title={t('editor.image.title')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          {uploadImage && (
            <FileInput
              label={t('editor.image.file')}
              description={t('editor.image.fileHint')}
              accept="image/png,image/jpeg,image/gif,image/webp"
              clearable
              clearButtonProps={{ 'aria-label': t('editor.image.clear') }}
              value={file}
              onChange={setFile}
              error={missing === 'source' ? sourceError : undefined}
              data-autofocus
            />
          )}
          <TextInput
            label={uploadImage ? t('editor.image.urlOr') : t('editor.image.url')}
            description={t('editor.image.urlHint')}
            required={!uploadImage}
            type="url"
            value={src}
            disabled={!!file}
            onChange={(e) => setSrc(e.currentTarget.value)}
            error={!uploadImage || missing === 'url' ? sourceError : undefined}
            data-autofocus={uploadImage ? undefined : true}
          />
          <TextInput
            label={t('editor.image.alt')}
            description={t('editor.image.altHint')}
            required
            value={alt}
            onChange={(e) => setAlt(e.currentTarget.value)}
            error={missing === 'alt' ? t('editor.image.altMissing') : undefined}
          />
          {busy && (
            <Text size="sm" role="status">
              {t('editor.image.uploading')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('editor.image.insert')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
