import type { RichTextEditorLabels } from '@mantine/tiptap';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Mantine's toolbar labels (aria-label and tooltip of every control) in the interface language. */
export function useEditorLabels(): Partial<RichTextEditorLabels> {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: new labels when the language changes
  return useMemo(
    () => ({
      boldControlLabel: t('editor.controls.bold'),
      italicControlLabel: t('editor.controls.italic'),
      underlineControlLabel: t('editor.controls.underline'),
      strikeControlLabel: t('editor.controls.strike'),
      clearFormattingControlLabel: t('editor.controls.clearFormatting'),
      subscriptControlLabel: t('editor.controls.subscript'),
      superscriptControlLabel: t('editor.controls.superscript'),
      highlightControlLabel: t('editor.controls.highlight'),
      codeControlLabel: t('editor.controls.code'),
      codeBlockControlLabel: t('editor.controls.codeBlock'),
      h1ControlLabel: t('editor.controls.h1'),
      h2ControlLabel: t('editor.controls.h2'),
      h3ControlLabel: t('editor.controls.h3'),
      h4ControlLabel: t('editor.controls.h4'),
      h5ControlLabel: t('editor.controls.h5'),
      h6ControlLabel: t('editor.controls.h6'),
      bulletListControlLabel: t('editor.controls.bulletList'),
      orderedListControlLabel: t('editor.controls.orderedList'),
      blockquoteControlLabel: t('editor.controls.blockquote'),
      hrControlLabel: t('editor.controls.hr'),
      linkControlLabel: t('editor.controls.link'),
      unlinkControlLabel: t('editor.controls.unlink'),
      undoControlLabel: t('editor.controls.undo'),
      redoControlLabel: t('editor.controls.redo'),
      sourceCodeControlLabel: t('editor.controls.source'),
      linkEditorInputLabel: t('editor.controls.linkInput'),
      linkEditorInputPlaceholder: t('editor.controls.linkPlaceholder'),
      linkEditorSave: t('editor.controls.linkSave'),
      tableInsertControlLabel: t('editor.controls.table'),
      tableDeleteControlLabel: t('editor.controls.tableDelete'),
      tableColumnBeforeControlLabel: t('editor.controls.columnBefore'),
      tableColumnAfterControlLabel: t('editor.controls.columnAfter'),
      tableColumnDeleteControlLabel: t('editor.controls.columnDelete'),
      tableRowBeforeControlLabel: t('editor.controls.rowBefore'),
      tableRowAfterControlLabel: t('editor.controls.rowAfter'),
      tableRowDeleteControlLabel: t('editor.controls.rowDelete'),
      tableToggleHeaderRowControlLabel: t('editor.controls.headerRow'),
      tableToggleHeaderColumnControlLabel: t('editor.controls.headerColumn'),
      tableMergeCellsControlLabel: t('editor.controls.mergeCells'),
      tableSplitCellControlLabel: t('editor.controls.splitCell'),
    }),
    [t, i18n.language],
  );
}
