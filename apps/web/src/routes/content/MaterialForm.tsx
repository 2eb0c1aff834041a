import {
  Button,
  Checkbox,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, post, put, upload } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { RichTextEditor } from '../../components/RichTextEditor.tsx';
import { type ContentLang, contentLangs, kindLabel, type Material, type UploadedFile } from './shared.tsx';

const kinds = ['page', 'file', 'link', 'textbook', 'assignment', 'test'] as const;
type Kind = (typeof kinds)[number];
const langNames: Record<ContentLang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

type LangDraft = {
  on: boolean;
  title: string;
  html: string;
  url: string;
  fileId: string;
  fileName: string;
  toc: string;
};
const emptyLang: LangDraft = { on: false, title: '', html: '', url: '', fileId: '', fileName: '', toc: '' };

const usesHtml = (k: Kind) => k === 'page' || k === 'assignment' || k === 'test';
const usesFile = (k: Kind) => k === 'file' || k === 'textbook';

/** "12 Topic" per line ⇄ the table of contents of an e-textbook. */
const tocText = (toc: Array<{ title: string; page: number }> | undefined) =>
  (toc ?? []).map((e) => `${e.page} ${e.title}`).join('\n');
function parseToc(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(\d+)\s+(.+)$/.exec(l);
      return m ? { page: Number(m[1]), title: m[2]!.trim() } : { page: 0, title: l };
    });
}

/**
 * Creates or changes a material, written in one or more of kk/ru/en. A change goes into the
 * draft; the server sanitizes rich text and checks the body against the kind.
 */
export function MaterialForm({
  sectionId,
  material,
  onSaved,
}: {
  sectionId: string;
  material?: Material;
  onSaved: (m: Material) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>((material?.kind as Kind) ?? 'page');
  const [langs, setLangs] = useState<Record<ContentLang, LangDraft>>(() => {
    const out = { kk: { ...emptyLang, on: !material }, ru: { ...emptyLang }, en: { ...emptyLang } };
    const body = (material?.latest.body ?? {}) as Record<string, Material['latest']['body'][string]>;
    for (const l of contentLangs) {
      const b = body[l];
      if (b)
        out[l] = {
          on: true,
          title: b.title,
          html: b.html ?? '',
          url: b.url ?? '',
          fileId: b.fileId ?? '',
          fileName: b.fileId ? t('content.form.keptFile') : '',
          toc: tocText(b.toc),
        };
    }
    return out;
  });
  const [tab, setTab] = useState<ContentLang>(() => contentLangs.find((l) => langs[l].on) ?? 'kk');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (l: ContentLang, patch: Partial<LangDraft>) =>
    setLangs((old) => ({ ...old, [l]: { ...old[l], ...patch } }));
  const errors = fieldErrors(error);

  async function save() {
    setError(null);
    const body: Record<string, unknown> = {};
    for (const l of contentLangs) {
      const d = langs[l];
      if (!d.on) continue;
      body[l] = {
        title: d.title,
        ...(usesHtml(kind) || (kind === 'file' && d.html) ? { html: d.html } : {}),
        ...(kind === 'link' ? { url: d.url } : {}),
        ...(usesFile(kind) && d.fileId ? { fileId: d.fileId } : {}),
        ...(kind === 'textbook' && d.toc.trim() ? { toc: parseToc(d.toc) } : {}),
      };
    }
    setSaving(true);
    try {
      const saved = material
        ? await put<Material>(`/api/v1/content/materials/${material.id}`, { body, version: material.version })
        : await post<Material>(`/api/v1/content/sections/${sectionId}/materials`, { kind, body });
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack>
        <FormAlert error={error} />
        <Select
          label={t('content.form.kind')}
          data={kinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
          value={kind}
          onChange={(v) => v && setKind(v as Kind)}
          disabled={Boolean(material)}
          allowDeselect={false}
        />
        <Group gap="md" role="group" aria-label={t('content.form.languages')}>
          {contentLangs.map((l) => (
            <Checkbox
              key={l}
              label={t('content.form.writeIn', { language: langNames[l] })}
              checked={langs[l].on}
              onChange={(e) => {
                set(l, { on: e.currentTarget.checked });
                if (e.currentTarget.checked) setTab(l);
              }}
            />
          ))}
        </Group>
        <Tabs value={tab} onChange={(v) => v && setTab(v as ContentLang)}>
          <Tabs.List>
            {contentLangs
              .filter((l) => langs[l].on)
              .map((l) => (
                <Tabs.Tab key={l} value={l}>
                  {langNames[l]}
                </Tabs.Tab>
              ))}
          </Tabs.List>
          {contentLangs
            .filter((l) => langs[l].on)
            .map((l) => (
              <Tabs.Panel key={l} value={l} pt="sm" lang={l}>
                <LanguageFields
                  kind={kind}
                  lang={l}
                  d={langs[l]}
                  set={(p) => set(l, p)}
                  errors={errors}
                  onUploadError={setError}
                />
              </Tabs.Panel>
            ))}
        </Tabs>
        <Group justify="flex-end">
          <Button type="submit" loading={saving}>
            {t('content.form.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LanguageFields({
  kind,
  lang,
  d,
  set,
  errors,
  onUploadError,
}: {
  kind: Kind;
  lang: ContentLang;
  d: LangDraft;
  set: (p: Partial<LangDraft>) => void;
  errors: Record<string, string>;
  onUploadError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const at = `body.${lang}`;
  async function send(file: File | null) {
    setUploadError(null);
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setProgress(0);
    try {
      const f = await upload<UploadedFile>('/api/v1/content/files', form, { onProgress: setProgress });
      set({ fileId: f.id, fileName: f.name });
    } catch (err) {
      setUploadError(err instanceof ApiError ? err.detail || err.title : t('errors.network'));
      onUploadError(null);
    } finally {
      setProgress(null);
    }
  }
  return (
    <Stack gap="sm">
      <TextInput
        label={t('content.form.title')}
        required
        maxLength={300}
        value={d.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors[`${at}.title`]}
      />
      {kind === 'link' && (
        <TextInput
          label={t('content.form.url')}
          description={t('content.form.urlHint')}
          type="url"
          required
          value={d.url}
          onChange={(e) => set({ url: e.currentTarget.value })}
          error={errors[`${at}.url`]}
        />
      )}
      {usesFile(kind) && (
        <>
          <FileInput
            label={t(kind === 'textbook' ? 'content.form.textbookFile' : 'content.form.file')}
            description={t('content.form.fileHint')}
            accept={
              kind === 'textbook'
                ? 'application/pdf,.pdf'
                : '.pdf,.docx,.pptx,.xlsx,.png,.jpg,.jpeg,.gif,.webp,.mp3,.wav,.ogg,.m4a,.mp4,.webm'
            }
            placeholder={d.fileName || t('content.form.chooseFile')}
            onChange={(f) => void send(f)}
            error={uploadError ?? errors[`${at}.fileId`]}
            clearable={false}
          />
          {progress !== null && (
            <Progress value={progress * 100} aria-label={t('content.form.uploading')} animated />
          )}
          {d.fileName && (
            <Text size="sm" role="status">
              {t('content.form.fileReady', { name: d.fileName })}
            </Text>
          )}
        </>
      )}
      {kind === 'textbook' && (
        <Textarea
          label={t('content.form.toc')}
          description={t('content.form.tocHint')}
          autosize
          minRows={3}
          value={d.toc}
          onChange={(e) => set({ toc: e.currentTarget.value })}
          error={errors[`${at}.toc`]}
        />
      )}
      {(usesHtml(kind) || kind === 'file') && (
        <RichTextEditor
          label={t(kind === 'file' ? 'content.form.description' : 'content.form.text')}
          value={d.html}
          onChange={(html) => set({ html })}
          error={errors[`${at}.html`]}
          required={kind === 'page'}
          preview
        />
      )}
    </Stack>
  );
}
