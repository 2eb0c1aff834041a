import { Alert, Button, FileInput, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportAnswer, importColumns } from '#core/wire/users.ts';
import { ApiError, type FieldProblem, upload } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { ActivationCodes } from './ActivationCodes.tsx';
import { BadRows } from './BadRows.tsx';

export function ImportPage() {
  return (
    <RequirePermission any={['users.import']}>
      <ImportUsers />
    </RequirePermission>
  );
}

type Phase = 'idle' | 'uploading' | 'processing';

function ImportUsers() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<ImportAnswer | null>(null);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [badRows, setBadRows] = useState<FieldProblem[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (mode: 'preview' | 'apply') => {
    if (!file) return null;
    setPhase('uploading');
    setProgress(0);
    setError(null);
    setBadRows(null);
    const form = new FormData();
    form.append('mode', mode);
    form.append('file', file);
    try {
      return await upload<ImportAnswer>('/api/v1/users/import', form, {
        query: { mode },
        headers: mode === 'apply' ? { 'Idempotency-Key': crypto.randomUUID() } : {},
        onProgress: (f) => {
          setProgress(f);
          if (f >= 1) setPhase('processing');
        },
      });
    } catch (err) {
      if (err instanceof ApiError && err.errors.some((e) => e.line !== undefined)) setBadRows(err.errors);
      else setError(err);
      return null;
    } finally {
      setPhase('idle');
    }
  };

  const check = async () => {
    setPreview(null);
    setResult(null);
    setPreview(await send('preview'));
  };
  const apply = async () => {
    const answer = await send('apply');
    if (answer) {
      setResult(answer);
      setPreview(null);
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['users'] });
    }
  };

  const busy = phase !== 'idle';
  return (
    <Stack maw={900}>
      <PageHeader title={t('import.title')} />
      <Text size="sm">{t('import.intro')}</Text>
      <Text size="sm">
        {t('import.columns')} <code>{importColumns.join(', ')}</code>
      </Text>
      <List size="sm">
        <List.Item>{t('import.ruleAllOrNothing')}</List.Item>
        <List.Item>{t('import.ruleCodes')}</List.Item>
      </List>
      <FileInput
        label={t('import.file')}
        description={t('import.fileHelp')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => {
          setFile(f);
          setPreview(null);
          setBadRows(null);
          setError(null);
        }}
        clearable
        clearButtonProps={{ 'aria-label': t('import.clearFile') }}
        disabled={busy}
        maw={480}
      />
      <Group>
        <Button onClick={() => void check()} disabled={!file || busy} loading={busy && !preview}>
          {t('import.check')}
        </Button>
      </Group>
      {busy && (
        <Stack gap={4}>
          <Text size="sm" id="import-progress-label">
            {phase === 'uploading'
              ? t('import.uploading', { percent: Math.round(progress * 100) })
              : t('import.processing')}
          </Text>
          <Progress
            value={phase === 'uploading' ? Math.round(progress * 100) : 100}
            animated={phase === 'processing'}
            striped={phase === 'processing'}
            size="lg"
            aria-labelledby="import-progress-label"
          />
        </Stack>
      )}
      <FormAlert error={error} />
      {badRows && <BadRows rows={badRows} />}
      {preview && (
        <Alert color="blue.9" variant="outline" role="status" title={t('import.previewOk')}>
          <Stack gap="xs">
            <Text size="sm">
              {t('import.previewCounts', {
                rows: preview.rows,
                created: preview.created,
                updated: preview.updated,
              })}
            </Text>
            <Group>
              <Button onClick={() => void apply()} loading={busy}>
                {t('import.apply', { rows: preview.rows })}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {result && <ActivationCodes result={result} />}
    </Stack>
  );
}
