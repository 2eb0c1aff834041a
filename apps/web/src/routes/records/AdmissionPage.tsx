import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { admitAnswer } from '#core/wire/records.ts';
import { ApiError, api, type FieldProblem, fieldErrors, upload } from '../../api/client.ts';
import { displayName, useMe } from '../../api/session.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { allGroupsQuery, allProgrammesQuery, enumLabel, ProgrammeSelect } from '../academics/shared.tsx';
import { BadRows } from '../admin/import/BadRows.tsx';
import { PersonSelect, recKeys, today } from './shared.tsx';

type Answer = z.infer<typeof admitAnswer>;
type Doc = { id: string; name: string };

export function AdmissionPage() {
  return (
    <RequirePermission any={['records.admit']}>
      <Admission />
    </RequirePermission>
  );
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function Admission() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const [number, setNumber] = useState('');
  const [orderDate, setOrderDate] = useState(today());
  const [effectiveOn, setEffectiveOn] = useState('');
  const [signerId, setSignerId] = useState(me?.id ?? '');
  const [programmeId, setProgrammeId] = useState('');
  const [intakeYear, setIntakeYear] = useState<number | string>(Number(today().slice(0, 4)));
  const [groupId, setGroupId] = useState<string | null>(null);
  const [dltCategory, setDltCategory] = useState<string | null>(null);
  const [funding, setFunding] = useState<'state' | 'paid'>('state');
  const [source, setSource] = useState<'one' | 'sheet'>('sheet');
  const [learnerId, setLearnerId] = useState('');
  const [contract, setContract] = useState({ number: '', from: '', to: '', amount: '' as number | string });
  const [sheet, setSheet] = useState<File | null>(null);
  const [docs, setDocs] = useState<Doc[]>([]);
  const [docError, setDocError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [badRows, setBadRows] = useState<FieldProblem[] | null>(null);
  const [preview, setPreview] = useState<Answer | null>(null);
  const [done, setDone] = useState<Answer | null>(null);

  const programmes = useQuery(allProgrammesQuery);
  const programme = programmes.data?.items.find((p) => p.id === programmeId);
  const groups = useQuery({ ...allGroupsQuery(programmeId || undefined), enabled: !!programmeId });
  const groupOptions = (groups.data?.items ?? [])
    .filter((g) => g.intakeYear === Number(intakeYear))
    .map((g) => ({ value: g.id, label: `${g.code} — ${g.name}` }));

  const changed = () => {
    setPreview(null);
    setBadRows(null);
    setError(null);
  };

  const addDocuments = async (files: File[]) => {
    setDocError(null);
    for (const f of files) {
      const form = new FormData();
      form.append('file', f);
      try {
        const d = await upload<Doc>('/api/v1/admissions/documents', form);
        setDocs((prev) => [...prev, { id: d.id, name: d.name }]);
      } catch (err) {
        setDocError(err);
      }
    }
  };

  const send = async (mode: 'preview' | 'apply') => {
    setBusy(true);
    setError(null);
    setBadRows(null);
    try {
      const body: Record<string, unknown> = {
        mode,
        order: { number: number.trim(), orderDate, signerId, ...(effectiveOn ? { effectiveOn } : {}) },
        programmeId,
        intakeYear: Number(intakeYear),
        groupId,
        funding,
        documentFileIds: docs.map((d) => d.id),
        ...(dltCategory ? { dltCategory } : {}),
      };
      if (source === 'sheet') {
        if (sheet) body.sheet = await base64Of(sheet);
      } else {
        body.learners = learnerId
          ? [
              {
                userId: learnerId,
                ...(funding === 'paid'
                  ? {
                      contract: {
                        ...contract,
                        number: contract.number.trim(),
                        amount: Number(contract.amount),
                      },
                    }
                  : {}),
              },
            ]
          : [];
      }
      return await api<Answer>('POST', '/api/v1/admissions', {
        body,
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

  const errs = fieldErrors(error);
  const rowErrors =
    error instanceof ApiError ? error.errors.filter((e) => e.pointer.startsWith('/learners')) : [];
  if (done) {
    return (
      <Stack maw={900}>
        <PageHeader title={t('records.admission.title')} />
        <Alert
          color="teal.9"
          variant="outline"
          role="status"
          title={t('records.admission.done', { count: done.learners.length })}
        >
          <List size="sm">
            {done.learners.map((l) => (
              <List.Item key={l.userId}>
                <AnchorLink to="/records/learners/$learnerId" params={{ learnerId: l.userId }}>
                  {l.login}
                </AnchorLink>
              </List.Item>
            ))}
          </List>
        </Alert>
        <Group>
          <Button
            onClick={() => {
              setDone(null);
              setSheet(null);
              setLearnerId('');
              setNumber('');
            }}
          >
            {t('records.admission.another')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack maw={1000}>
      <PageHeader title={t('records.admission.title')} />
      <Text size="sm">{t('records.admission.intro')}</Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send('preview').then(setPreview);
        }}
        onChange={changed}
      >
        <Stack>
          <Title order={2} size="h4">
            {t('records.admission.order')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('records.orders.number')}
              required
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={errs['order.number']}
            />
            <TextInput
              label={t('records.orders.orderDate')}
              type="date"
              required
              value={orderDate}
              onChange={(e) => setOrderDate(e.currentTarget.value)}
              error={errs['order.orderDate']}
            />
            <TextInput
              label={t('records.orders.effectiveOn')}
              description={t('records.orders.effectiveHelp')}
              type="date"
              value={effectiveOn}
              onChange={(e) => setEffectiveOn(e.currentTarget.value)}
              error={errs['order.effectiveOn']}
            />
          </SimpleGrid>
          <PersonSelect
            label={t('records.orders.signer')}
            required
            value={signerId}
            onChange={(v) => {
              setSignerId(v);
              changed();
            }}
            error={errs['order.signerId']}
            known={me ? { value: me.id, label: `${displayName(me)} (${me.login})` } : undefined}
          />
          <Title order={2} size="h4">
            {t('records.admission.onto')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ProgrammeSelect
              required
              value={programmeId}
              onChange={(v) => {
                setProgrammeId(v);
                setGroupId(null);
                setDltCategory(null);
                changed();
              }}
              error={errs.programmeId}
            />
            <NumberInput
              label={t('records.fields.intakeYear')}
              required
              min={2000}
              max={2100}
              value={intakeYear}
              onChange={(v) => {
                setIntakeYear(v);
                changed();
              }}
              error={errs.intakeYear}
              w={160}
            />
            <Select
              label={t('records.fields.group')}
              required
              searchable
              data={groupOptions}
              value={groupId}
              onChange={(v) => {
                setGroupId(v);
                changed();
              }}
              error={errs.groupId}
              nothingFoundMessage={t('records.admission.noGroups')}
            />
            <Select
              label={t('records.fields.dltCategory')}
              required={programme !== undefined && programme.studyForm !== 'full_time'}
              clearable
              data={(programme?.dltCategories ?? []).map((c) => ({
                value: c,
                label: enumLabel(t, 'dltCategory', c),
              }))}
              value={dltCategory}
              onChange={(v) => {
                setDltCategory(v);
                changed();
              }}
              error={errs.dltCategory}
            />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="funding-label">
              {t('records.fields.funding')}
            </Text>
            <SegmentedControl
              w="fit-content"
              aria-labelledby="funding-label"
              value={funding}
              onChange={(v) => {
                setFunding(v as 'state' | 'paid');
                changed();
              }}
              data={[
                { value: 'state', label: t('records.funding.state') },
                { value: 'paid', label: t('records.funding.paid') },
              ]}
            />
          </Stack>
          <FileInput
            label={t('records.admission.documents')}
            description={t('records.admission.documentsHelp')}
            multiple
            accept="application/pdf,image/jpeg,image/png"
            value={[]}
            onChange={(files) => void addDocuments(files)}
            placeholder={t('records.admission.chooseFiles')}
          />
          <FormAlert error={docError} />
          {docs.length > 0 && (
            <List size="sm" aria-label={t('records.admission.uploaded')}>
              {docs.map((d) => (
                <List.Item key={d.id}>
                  {d.name}{' '}
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    onClick={() => setDocs(docs.filter((x) => x.id !== d.id))}
                    aria-label={t('records.admission.removeDocument', { name: d.name })}
                  >
                    {t('common.delete')}
                  </Button>
                </List.Item>
              ))}
            </List>
          )}
          <Title order={2} size="h4">
            {t('records.admission.who')}
          </Title>
          <SegmentedControl
            w="fit-content"
            aria-label={t('records.admission.who')}
            value={source}
            onChange={(v) => {
              setSource(v as 'one' | 'sheet');
              changed();
            }}
            data={[
              { value: 'sheet', label: t('records.admission.fromSheet') },
              { value: 'one', label: t('records.admission.oneLearner') },
            ]}
          />
          {source === 'sheet' ? (
            <>
              <Text size="sm">
                {t('records.admission.sheetColumns')}{' '}
                <code>login, contract_number, contract_from, contract_to, contract_amount</code>
              </Text>
              <FileInput
                label={t('records.admission.sheet')}
                description={t('records.admission.sheetHelp')}
                required
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                value={sheet}
                onChange={(f) => {
                  setSheet(f);
                  changed();
                }}
                clearable
                clearButtonProps={{ 'aria-label': t('import.clearFile') }}
                maw={480}
              />
            </>
          ) : (
            <>
              <PersonSelect
                label={t('records.fields.learner')}
                required
                value={learnerId}
                onChange={(v) => {
                  setLearnerId(v);
                  changed();
                }}
                error={errs['learners.0.userId']}
              />
              {funding === 'paid' && (
                <SimpleGrid cols={{ base: 1, sm: 4 }}>
                  <TextInput
                    label={t('records.admission.contractNumber')}
                    required
                    value={contract.number}
                    onChange={(e) => setContract({ ...contract, number: e.currentTarget.value })}
                    error={errs['learners.0.contract.number'] ?? errs['learners.0.contract']}
                  />
                  <TextInput
                    label={t('records.admission.contractFrom')}
                    type="date"
                    required
                    value={contract.from}
                    onChange={(e) => setContract({ ...contract, from: e.currentTarget.value })}
                    error={errs['learners.0.contract.from']}
                  />
                  <TextInput
                    label={t('records.admission.contractTo')}
                    type="date"
                    required
                    value={contract.to}
                    onChange={(e) => setContract({ ...contract, to: e.currentTarget.value })}
                    error={errs['learners.0.contract.to']}
                  />
                  <NumberInput
                    label={t('records.admission.contractAmount')}
                    required
                    min={0}
                    value={contract.amount}
                    onChange={(v) => setContract({ ...contract, amount: v })}
                    error={errs['learners.0.contract.amount']}
                  />
                </SimpleGrid>
              )}
            </>
          )}
          <FormAlert error={error} />
          {rowErrors.length > 0 && (
            <List size="sm" c="red.9">
              {rowErrors.map((e) => (
                <List.Item key={e.pointer}>{e.detail}</List.Item>
              ))}
            </List>
          )}
          {badRows && <BadRows rows={badRows} />}
          <Group>
            <Button type="submit" loading={busy && !preview}>
              {t('records.admission.check')}
            </Button>
          </Group>
        </Stack>
      </form>
      {preview && (
        <Alert
          color="blue.9"
          variant="outline"
          role="status"
          title={t('records.admission.previewOk', { count: preview.learners.length })}
        >
          <Stack gap="xs">
            <List size="sm" data-testid="admission-preview">
              {preview.learners.map((l) => (
                <List.Item key={l.userId}>{l.login}</List.Item>
              ))}
            </List>
            <Group>
              <Button
                loading={busy}
                onClick={() =>
                  void send('apply').then(async (a) => {
                    if (!a) return;
                    setDone(a);
                    setPreview(null);
                    await qc.invalidateQueries({ queryKey: recKeys.all });
                  })
                }
              >
                {t('records.admission.apply', { count: preview.learners.length })}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
