import { Alert, Button, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportAnswer, type ImportPhase, importColumns } from '#core/wire/users.ts';
import { ApiError, type FieldProblem, type Stage, uploadWithProgress } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { StageProgress, stagePercent } from '../../../components/StageProgress.tsx';
import { ActivationCodes } from './ActivationCodes.tsx';
import { BadRows } from './BadRows.tsx';

export function ImportPage() {
  return (
    <RequirePermission any={['users.import']}>
      <ImportUsers />
    </RequirePermission>
  );
}

function ImportUsers() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage<ImportPhase> | null>(null);
  const [preview, setPreview] = useState<ImportAnswer | null>(null);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [badRows, setBadRows] = useState<FieldProblem[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const send = async (mode: 'preview' | 'apply') => {
    if (!file) return null;
    setError(null);
    setBadRows(null);
    const form = new FormData();
    form.append('mode', mode);
    form.append('progress', 'true');
    form.append('file', file);
    try {
      return await uploadWithProgress<ImportAnswer, ImportPhase>('/api/v1/users/import', form, {
        query: { mode },
        headers: mode === 'apply' ? { 'Idempotency-Key': crypto.randomUUID() } : {},
        firstPhase: 'read',
        onStage: setStage,
      });
    } catch (err) {
      if (err instanceof ApiError && err.errors.some((e) => e.line !== undefined)) setBadRows(err.errors);
      else setError(err);
      return null;
    } finally {
      setStage(null);
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

  const busy = stage !== null;
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
      {stage && <StageProgress id="import-progress-label" stage={stage} label={stageLabel(t, stage)} />}
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

/** The phase under way: the upload's bytes, the file read, the rows checked, the users written. */
function stageLabel(t: TFunction, stage: Stage<ImportPhase>) {
  if (stage.phase === 'upload') return t('import.uploading', { percent: stagePercent(stage) });
  if (stage.phase === 'read') return t('import.processing');
  return t(stage.phase === 'check' ? 'import.checking' : 'import.saving', {
    done: stage.done,
    total: stage.total,
  });
}
