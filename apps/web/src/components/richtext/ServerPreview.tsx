import { Box, Card, Text, Title } from '@mantine/core';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { FormAlert } from '../FormAlert.tsx';
import { typesetFormulas } from '../formulas.ts';

/** How long after the last keystroke the preview is asked for. */
export const PREVIEW_DELAY_MS = 600;

/**
 * The text as learners will get it: sanitized by the server with the allow-list used on
 * saving, asked for by itself once typing stops; a newer text cancels the request of an
 * older one, so a slow answer never replaces a newer preview.
 */
export function ServerPreview({ html }: { html: string }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!html.trim()) {
      setPreview(null);
      setError(null);
      setPending(false);
      return;
    }
    const abort = new AbortController();
    setPending(true);
    const timer = setTimeout(() => {
      api<{ html: string }>('POST', '/api/v1/content/preview', { body: { html }, signal: abort.signal }).then(
        (r) => {
          setPreview(r.html);
          setError(null);
          setPending(false);
        },
        (err: unknown) => {
          if (abort.signal.aborted) return;
          setError(err);
          setPending(false);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [html]);
  if (preview === null && !error) return null;
  return (
    <Card withBorder component="section" aria-label={t('editor.preview.title')} aria-busy={pending}>
      <Title order={3} size="h6" mb="xs">
        {t('editor.preview.title')}
      </Title>
      <FormAlert error={error} />
      {pending && (
        <Text size="xs" c="gray.8">
          {t('editor.preview.updating')}
        </Text>
      )}
      {preview !== null && <Sanitized html={preview} />}
    </Card>
  );
}

/** The server's sanitized HTML, with its formulas typeset (as the pages learners read do). */
function Sanitized({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: typeset again whenever the text changes
  useLayoutEffect(() => {
    if (ref.current) void typesetFormulas(ref.current);
  }, [html]);
  return (
    <Box
      ref={ref}
      className="content-rich"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server just now
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
