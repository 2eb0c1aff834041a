import { Alert, Button, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { pastGradesAnswer } from '#core/wire/records.ts';
import { ApiError, type FieldProblem, upload } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { BadRows } from '../admin/import/BadRows.tsx';
import { recKeys } from './shared.tsx';

type Answer = z.infer<typeof pastGradesAnswer>;

/** Past grades of current learners from the previous system: preview, then all-or-nothing. */
export function PastGradesPage() {
  return (
    <RequirePermission any={['records.importGrades']}>
      <PastGrades />
    </RequirePermission>
  );
}

function PastGrades() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [badRows, setBadRows] = useState<FieldProblem[] | null>(null);
  const [preview, setPreview] = useState<Answer | null>(null);
  const [done, setDone] = useState<Answer | null>(null);

  const send = async (mode: 'preview' | 'apply') => {
    if (!file) return null;
    setBusy(true);
    setError(null);
    setBadRows(null);
    const form = new FormData();
    form.append('mode', mode);
    form.append('file', file);
    try {
      return await upload<Answer>('/api/v1/past-grades/import', form, {
        query: { mode },
        headers: mode === 'apply' ? { 'Idempotency-Key': crypto.randomUUID() } : {},
      });
    } catch (err) {
      if (err instanceof ApiError && err.errors.some((e) => e.line !== undefined)) setBadRows(err.errors);
      else setError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={900}>
      <PageHeader title={t('records.pastGrades.title')} />
      <Text size="sm">{t('records.pastGrades.intro')}</Text>
      <Text size="sm">
        {t('records.pastGrades.columns')}{' '}
        <code>learner_id, discipline_code, period, percent | letter, credits</code>
      </Text>
      <List size="sm">
        <List.Item>{t('records.pastGrades.ruleLearner')}</List.Item>
        <List.Item>{t('records.pastGrades.rulePeriod')}</List.Item>
        <List.Item>{t('import.ruleAllOrNothing')}</List.Item>
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
          setDone(null);
        }}
        clearable
        clearButtonProps={{ 'aria-label': t('import.clearFile') }}
        disabled={busy}
        maw={480}
      />
      <Group>
        <Button
          onClick={() => void send('preview').then(setPreview)}
          disabled={!file || busy}
          loading={busy && !preview}
        >
          {t('import.check')}
        </Button>
      </Group>
      <FormAlert error={error} />
      {badRows && <BadRows rows={badRows} />}
      {preview && (
        <Alert color="blue.9" variant="outline" role="status" title={t('import.previewOk')}>
          <Stack gap="xs">
            <Text size="sm">{t('records.pastGrades.previewCount', { count: preview.rows })}</Text>
            <Group>
              <Button
                loading={busy}
                onClick={() =>
                  void send('apply').then(async (a) => {
                    if (!a) return;
                    setDone(a);
                    setPreview(null);
                    setFile(null);
                    await qc.invalidateQueries({ queryKey: recKeys.all });
                  })
                }
              >
                {t('records.pastGrades.apply', { count: preview.rows })}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {done && (
        <Alert color="teal.9" variant="outline" role="status">
          {t('records.pastGrades.done', { count: done.imported })}
        </Alert>
      )}
    </Stack>
  );
}
