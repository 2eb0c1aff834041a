import '@mantine/tiptap/styles.css';
import { Alert, Input, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type RichTextEditorProps as MantineProps, RichTextEditor } from '@mantine/tiptap';
import { getSchema } from '@tiptap/core';
import { DOMSerializer, DOMParser as PMDOMParser, type Schema } from '@tiptap/pm/model';
import { useEditor, useEditorState } from '@tiptap/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImageDialog } from '../ImageDialog.tsx';
import type { RichTextEditorProps } from '../RichTextEditor.tsx';
import { editorExtensions, type FormulaAttrs } from './extensions.ts';
import { FormulaDialog } from './FormulaDialog.tsx';
import { lostInRoundTrip, trimEditorHtml } from './fidelity.ts';
import { FormulaIcon, ImageIcon, SourceIcon, TableIcon } from './icons.tsx';
import { useEditorLabels } from './labels.ts';
import { ServerPreview } from './ServerPreview.tsx';

/** The HTML the editor's schema makes of a text (what setContent would keep), without changing the editor. */
function throughSchema(schema: Schema, html: string): string {
  const input = document.createElement('div');
  input.innerHTML = html;
  const doc = PMDOMParser.fromSchema(schema).parse(input);
  const out = document.createElement('div');
  out.append(DOMSerializer.fromSchema(schema).serializeFragment(doc.content));
  return trimEditorHtml(out.innerHTML);
}

/** The elements the visual editor would lose, as `<tag>` names for the note. */
const lostTags = (lost: string[]) =>
  [...new Set(lost.map((d) => (d === 'text' ? d : `<${d.replace(/[[:].*$/, '')}>`)))].join(', ');

/**
 * The visual rich-text editor (TipTap through Mantine): headings, lists, tables, links,
 * images with their description, formulas (KaTeX) and an HTML source mode. Loaded lazily
 * through RichTextEditor.tsx.
 */
export default function Editor({
  label,
  description,
  value,
  onChange,
  error,
  required,
  preview,
  uploadImage,
  minHeight = 160,
}: RichTextEditorProps) {
  const { t } = useTranslation();
  const labels = useEditorLabels();
  const id = useId();
  const labelId = `${id}-label`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const [formula, setFormula] = useState<{ opened: boolean; current: FormulaAttrs | null }>({
    opened: false,
    current: null,
  });
  const [imageOpen, setImageOpen] = useState(false);
  const [source, setSource] = useState(false);
  const [kept, setKept] = useState<string | null>(null);
  const lastEmitted = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const openFormula = useRef((current: FormulaAttrs | null) => setFormula({ opened: true, current }));
  // Kept current so the extensions (made once) speak the interface language of now.
  const refusedLink = useRef((_href: string) => {});
  refusedLink.current = (href: string) =>
    notifications.show({ color: 'red.9', message: t('editor.linkRefused', { href }) });
  const extensions = useMemo(
    () =>
      editorExtensions(
        (c) => openFormula.current(c),
        (href) => refusedLink.current(href),
      ),
    [],
  );
  // The schema by itself (an editor instance may be remade or not mounted yet).
  const schema = useMemo(() => getSchema(extensions), [extensions]);

  const describedBy = [description && descriptionId, error && errorId].filter(Boolean).join(' ');
  const attributes = useMemo(
    () => ({
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-labelledby': labelId,
      ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      ...(required ? { 'aria-required': 'true' } : {}),
      ...(error ? { 'aria-invalid': 'true' } : {}),
      style: `min-height: ${minHeight}px`,
    }),
    [labelId, describedBy, required, error, minHeight],
  );

  const editor = useEditor({
    extensions,
    content: value,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes },
    onUpdate: ({ editor: e }) => {
      const html = trimEditorHtml(e.getHTML());
      lastEmitted.current = html;
      onChangeRef.current(html);
    },
  });

  useEffect(() => {
    editor?.setOptions({ editorProps: { attributes } });
  }, [editor, attributes]);

  /** What the visual editor would lose of `html` (nothing: it can show it unchanged in meaning). */
  const lossOf = useCallback((html: string) => lostInRoundTrip(html, throughSchema(schema, html)), [schema]);

  // A text the schema cannot show opens in the HTML source mode, so nothing is lost.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the text the form opens with
  useEffect(() => {
    const lost = lossOf(value);
    if (lost.length) {
      setKept(lostTags(lost));
      setSource(true);
    }
  }, []);

  // A value changed from outside (a restored version, a cleared form) is loaded into the editor.
  useEffect(() => {
    if (!editor || source || value === lastEmitted.current) return;
    lastEmitted.current = value;
    const lost = lossOf(value);
    if (lost.length) {
      setKept(lostTags(lost));
      setSource(true);
      return;
    }
    editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value, source, lossOf]);

  const toggleSource = () => {
    if (!editor) return;
    if (!source) {
      setKept(null);
      setSource(true);
      return;
    }
    const lost = lossOf(value);
    if (lost.length) {
      setKept(lostTags(lost));
      return;
    }
    setKept(null);
    lastEmitted.current = value;
    editor.commands.setContent(value, { emitUpdate: false });
    setSource(false);
    requestAnimationFrame(() => editor.commands.focus());
  };

  const inTable = useEditorState({
    editor,
    selector: (s) => !!s.editor && !s.editor.isDestroyed && s.editor.isActive('table'),
  });

  const saveFormula = (f: FormulaAttrs) => {
    if (!editor) return;
    const sel = editor.state.selection as { node?: { type: { name: string } } };
    if (formula.current && sel.node?.type.name === 'formula')
      editor.chain().focus().updateAttributes('formula', f).run();
    else editor.chain().focus().insertContent({ type: 'formula', attrs: f }).run();
    setFormula({ opened: false, current: null });
  };
  const removeFormula = () => {
    editor?.chain().focus().deleteSelection().run();
    setFormula({ opened: false, current: null });
  };
  const editFormula = () => {
    if (!editor) return;
    const sel = editor.state.selection as { node?: { type: { name: string }; attrs: FormulaAttrs } };
    setFormula({
      opened: true,
      current:
        sel.node?.type.name === 'formula'
          ? { latex: sel.node.attrs.latex, display: sel.node.attrs.display }
          : null,
    });
  };

  return (
    <Stack gap={4}>
      <Input.Label id={labelId} required={required} htmlFor={source ? `${id}-source` : undefined}>
        {label}
      </Input.Label>
      {description && (
        <Input.Description id={descriptionId} mt={-2}>
          {description}
        </Input.Description>
      )}
      {/* Mantine's typings reach TipTap's CommonJS declarations, ours its ESM ones: the same editor. */}
      <RichTextEditor editor={editor as unknown as MantineProps['editor']} labels={labels} variant="default">
        <RichTextEditor.Toolbar role="toolbar" aria-label={t('editor.toolbar')} aria-controls={`${id}-area`}>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold disabled={source} />
            <RichTextEditor.Italic disabled={source} />
            <RichTextEditor.Underline disabled={source} />
            <RichTextEditor.Strikethrough disabled={source} />
            <RichTextEditor.Subscript disabled={source} />
            <RichTextEditor.Superscript disabled={source} />
            <RichTextEditor.ClearFormatting disabled={source} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H2 disabled={source} />
            <RichTextEditor.H3 disabled={source} />
            <RichTextEditor.H4 disabled={source} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList disabled={source} />
            <RichTextEditor.OrderedList disabled={source} />
            <RichTextEditor.Blockquote disabled={source} />
            <RichTextEditor.Hr disabled={source} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            {/* Every saved link opens in a new tab (the server sets it), so Mantine's
                new-tab toggle, a button without a name, is not shown. */}
            <RichTextEditor.Link
              disabled={source}
              styles={{ linkEditorExternalControl: { display: 'none' } }}
            />
            <RichTextEditor.Unlink disabled={source} />
            <RichTextEditor.Control
              aria-label={t('editor.controls.image')}
              title={t('editor.controls.image')}
              disabled={source}
              onClick={() => setImageOpen(true)}
            >
              <ImageIcon />
            </RichTextEditor.Control>
            <RichTextEditor.Control
              aria-label={t('editor.controls.formula')}
              title={t('editor.controls.formula')}
              disabled={source}
              onClick={editFormula}
            >
              <FormulaIcon />
            </RichTextEditor.Control>
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Control
              aria-label={t('editor.controls.table')}
              title={t('editor.controls.table')}
              disabled={source || inTable}
              onClick={() =>
                editor?.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()
              }
            >
              <TableIcon />
            </RichTextEditor.Control>
            {inTable && !source && (
              <>
                <RichTextEditor.TableRowAfter />
                <RichTextEditor.TableRowBefore />
                <RichTextEditor.TableRowDelete />
                <RichTextEditor.TableColumnAfter />
                <RichTextEditor.TableColumnBefore />
                <RichTextEditor.TableColumnDelete />
                <RichTextEditor.TableToggleHeaderRow />
                <RichTextEditor.TableMergeCells />
                <RichTextEditor.TableSplitCell />
                <RichTextEditor.TableDelete />
              </>
            )}
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Undo disabled={source} />
            <RichTextEditor.Redo disabled={source} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Control
              aria-label={t('editor.controls.source')}
              title={t('editor.controls.source')}
              active={source}
              aria-pressed={source}
              onClick={toggleSource}
            >
              <SourceIcon />
            </RichTextEditor.Control>
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <div id={`${id}-area`}>
          {source ? (
            <Textarea
              id={`${id}-source`}
              aria-labelledby={labelId}
              aria-describedby={[`${id}-source-hint`, describedBy].filter(Boolean).join(' ')}
              description={<span id={`${id}-source-hint`}>{t('editor.source.hint')}</span>}
              autosize
              minRows={8}
              required={required}
              value={value}
              onChange={(e) => {
                lastEmitted.current = e.currentTarget.value;
                onChange(e.currentTarget.value);
              }}
              error={Boolean(error)}
              p="xs"
              styles={{ input: { fontFamily: 'monospace' } }}
            />
          ) : (
            <RichTextEditor.Content />
          )}
        </div>
      </RichTextEditor>
      {kept && (
        <Alert color="blue" variant="light" role="status">
          {t('editor.source.kept', { items: kept })}
        </Alert>
      )}
      {error && (
        <Input.Error id={errorId} role="alert">
          {error}
        </Input.Error>
      )}
      {preview && <ServerPreview html={value} />}
      <FormulaDialog
        opened={formula.opened}
        current={formula.current}
        onClose={() => {
          setFormula({ opened: false, current: null });
          editor?.commands.focus();
        }}
        onSave={saveFormula}
        onRemove={removeFormula}
      />
      <ImageDialog
        opened={imageOpen}
        onClose={() => {
          setImageOpen(false);
          editor?.commands.focus();
        }}
        onInsert={(img) => editor?.chain().focus().setImage(img).run()}
        uploadImage={uploadImage}
      />
    </Stack>
  );
}
