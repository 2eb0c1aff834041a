import { Box, Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../AppModal.tsx';
import type { FormulaAttrs } from './extensions.ts';

/**
 * Writing a formula in LaTeX with a live KaTeX preview; `current` is the formula being
 * changed (null for a new one).
 */
export function FormulaDialog({
  opened,
  current,
  onClose,
  onSave,
  onRemove,
}: {
  opened: boolean;
  current: FormulaAttrs | null;
  onClose: () => void;
  onSave: (f: FormulaAttrs) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [latex, setLatex] = useState('');
  const [display, setDisplay] = useState(false);
  const [missing, setMissing] = useState(false);
  const previewRef = useRef<HTMLDivElement>(null);
  const previewId = useId();
  useEffect(() => {
    if (!opened) return;
    setLatex(current?.latex ?? '');
    setDisplay(current?.display ?? false);
    setMissing(false);
  }, [opened, current]);
  useEffect(() => {
    const el = previewRef.current;
    if (!opened || !el) return;
    if (!latex.trim()) {
      el.textContent = '';
      return;
    }
    let live = true;
    void import('../katex.ts').then(({ default: katex }) => {
      if (live)
        katex.render(latex, el, {
          displayMode: display,
          throwOnError: false,
          trust: false,
          output: 'htmlAndMathml',
        });
    });
    return () => {
      live = false;
    };
  }, [latex, display, opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (!latex.trim()) return setMissing(true);
    onSave({ latex: latex.trim(), display });
  };
  return (
    <AppModal
      opened={opened}
      onClose={onClose}
      title={current ? t('editor.formula.editTitle') : t('editor.formula.insertTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea
            label={t('editor.formula.latex')}
            description={t('editor.formula.latexHint')}
            required
            autosize
            minRows={2}
            value={latex}
            onChange={(e) => setLatex(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter inserts; Shift+Enter starts a new line of LaTeX.
              if (e.key === 'Enter' && !e.shiftKey) submit(e);
            }}
            error={missing ? t('editor.formula.empty') : undefined}
            styles={{ input: { fontFamily: 'monospace' } }}
            aria-describedby={previewId}
            data-autofocus
          />
          <Checkbox
            label={t('editor.formula.display')}
            checked={display}
            onChange={(e) => setDisplay(e.currentTarget.checked)}
          />
          <Box>
            <Text size="sm" fw={500} id={`${previewId}-title`}>
              {t('editor.formula.preview')}
            </Text>
            <Box
              ref={previewRef}
              id={previewId}
              role="status"
              aria-labelledby={`${previewId}-title`}
              mih={40}
              p="xs"
              style={{ border: '1px dashed var(--mantine-color-gray-5)' }}
            />
          </Box>
          <Group justify="space-between">
            {current ? (
              <Button variant="subtle" color="red.9" onClick={onRemove}>
                {t('editor.formula.remove')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit">{current ? t('editor.formula.save') : t('editor.formula.insert')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
