import { Input, Loader, Stack } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageUploader } from './ImageDialog.tsx';

export type RichTextEditorProps = {
  /** The field's label: also the accessible name of the editable area. */
  label: string;
  description?: string;
  /** Rich text as stored (the server's allow-list; formulas as `span.math-*[data-latex]`). */
  value: string;
  onChange: (html: string) => void;
  /** An error about the field, announced and linked to the editable area. */
  error?: string;
  required?: boolean;
  /** Show the text as learners will get it, sanitized by the server, refreshed as one types. */
  preview?: boolean;
  /** Where pictures can be uploaded from the computer; without it they are inserted by address. */
  uploadImage?: ImageUploader;
  /** Height of the editable area in pixels. */
  minHeight?: number;
};

// TipTap and ProseMirror are fetched only when an editing form shows an editor.
const Editor = lazy(() => import('./richtext/Editor.tsx'));

/**
 * The visual rich-text editor of teachers' forms (course materials, questions, assignment
 * instructions): headings, lists, tables, links, images, formulas, and an HTML source mode.
 */
export function RichTextEditor(props: RichTextEditorProps) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Stack gap={4}>
          <Input.Label required={props.required}>{props.label}</Input.Label>
          <Loader size="sm" aria-label={t('editor.loading')} />
        </Stack>
      }
    >
      <Editor {...props} />
    </Suspense>
  );
}
