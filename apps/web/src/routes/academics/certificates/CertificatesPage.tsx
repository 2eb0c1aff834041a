import {
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { certificateScan, expiringCertificate, teacherCertificate } from '#core/wire/academics.ts';
import { fieldErrors, get, post, upload } from '../../../api/client.ts';
import { displayName } from '../../../api/session.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { formatDate, keys, PeoplePicker } from '../shared.tsx';

type Certificate = z.infer<typeof teacherCertificate>;
type Expiring = z.infer<typeof expiringCertificate>;
type Scan = z.infer<typeof certificateScan>;
const MAX_SCAN_MB = 10;

const asDay = (d: string, lang: string) => formatDate(d, lang);

/** DLT advanced-training certificates of teachers (R-STF-1) and those running out soon. */
export function CertificatesPage() {
  return (
    <RequirePermission any={['certificates.manage']}>
      <Certificates />
    </RequirePermission>
  );
}

function Certificates() {
  const { t } = useTranslation();
  const [teacher, setTeacher] = useState<string[]>([]);
  const teacherId = teacher[0] ?? '';
  return (
    <Stack>
      <PageHeader title={t('academics.certificates.title')} />
      <Card withBorder component="section" aria-labelledby="record-certificate">
        <Title order={2} size="h4" id="record-certificate" mb="sm">
          {t('academics.certificates.recordTitle')}
        </Title>
        <Stack>
          <PeoplePicker
            label={t('academics.certificates.teacher')}
            value={teacher}
            onChange={(ids) => setTeacher(ids.slice(-1))}
          />
          {teacherId && <RecordForm key={teacherId} userId={teacherId} />}
        </Stack>
      </Card>
      <ExpiringReport />
    </Stack>
  );
}

function RecordForm({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const key = [...keys.certificates, 'user', userId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => get<{ items: Certificate[] }>(`/api/v1/users/${userId}/certificates`),
  });
  const empty = { number: '', issuer: '', issuedOn: '', expiresOn: '' };
  const [v, setV] = useState(empty);
  const [scan, setScan] = useState<File | null>(null);
  const [scanError, setScanError] = useState<string | undefined>();
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    for (const k of ['number', 'issuer', 'issuedOn', 'expiresOn'] as const)
      if (!v[k].trim()) m[k] = t('validation.required');
    setMissing(m);
    setStatus('');
    const tooLarge = scan && scan.size > MAX_SCAN_MB * 1024 * 1024;
    setScanError(tooLarge ? t('academics.certificates.scanTooLarge', { max: MAX_SCAN_MB }) : undefined);
    if (Object.keys(m).length || tooLarge) return;
    setBusy(true);
    setError(null);
    try {
      // The scan goes up first; the certificate is recorded only if it was accepted.
      let fileId: string | undefined;
      if (scan) {
        const form = new FormData();
        form.append('file', scan, scan.name);
        fileId = (await upload<Scan>('/api/v1/certificates/scans', form)).id;
      }
      await post<Certificate>(`/api/v1/users/${userId}/certificates`, {
        number: v.number.trim(),
        issuer: v.issuer.trim(),
        issuedOn: v.issuedOn,
        expiresOn: v.expiresOn,
        ...(fileId ? { fileId } : {}),
      });
      setV(empty);
      setScan(null);
      setStatus(t('academics.certificates.recorded'));
      await qc.invalidateQueries({ queryKey: keys.certificates });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fe = fieldErrors(error);
  const field = (k: keyof typeof v) => ({
    value: v[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.currentTarget.value }),
    error: missing[k] ?? fe[k],
  });
  return (
    <Stack>
      {list.error ? (
        <QueryError error={list.error} inline />
      ) : list.data && list.data.items.length > 0 ? (
        <Table withTableBorder>
          <Table.Caption>{t('academics.certificates.ofTeacher')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('academics.certificates.number')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.issuer')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.issuedOn')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.expiresOn')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.scan')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.number}</Table.Td>
                <Table.Td>{c.issuer}</Table.Td>
                <Table.Td>{asDay(c.issuedOn, i18n.language)}</Table.Td>
                <Table.Td>{asDay(c.expiresOn, i18n.language)}</Table.Td>
                <Table.Td>
                  {c.fileId ? (
                    <Anchor
                      href={`/api/v1/users/${userId}/certificates/${c.id}/scan`}
                      target="_blank"
                      rel="noopener"
                      aria-label={t('academics.certificates.openScanOf', { number: c.number })}
                    >
                      {t('academics.certificates.openScan')}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm">{t('academics.certificates.none')}</Text>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('academics.certificates.number')} required {...field('number')} />
            <TextInput label={t('academics.certificates.issuer')} required {...field('issuer')} />
            <TextInput
              type="date"
              label={t('academics.certificates.issuedOn')}
              required
              {...field('issuedOn')}
            />
            <TextInput
              type="date"
              label={t('academics.certificates.expiresOn')}
              required
              {...field('expiresOn')}
            />
          </SimpleGrid>
          <FileInput
            label={t('academics.certificates.scan')}
            description={t('academics.certificates.scanHelp', { max: MAX_SCAN_MB })}
            accept="application/pdf,image/jpeg,image/png"
            clearable
            value={scan}
            onChange={(f) => {
              setScan(f);
              setScanError(undefined);
            }}
            clearButtonProps={{ 'aria-label': t('academics.certificates.clearScan') }}
            error={scanError ?? fe.file ?? fe.fileId}
            w={{ base: '100%', sm: 420 }}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('academics.certificates.record')}
            </Button>
            <Text size="sm" aria-live="polite">
              {status}
            </Text>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function ExpiringReport() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<number | string>(90);
  const n = Number(days) >= 1 && Number(days) <= 365 ? Number(days) : 90;
  const report = useQuery({
    queryKey: [...keys.certificates, 'expiring', n],
    queryFn: () => get<{ items: Expiring[] }>('/api/v1/certificates/expiring', { days: n }),
  });
  const items = report.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="expiring">
      <Title order={2} size="h4" id="expiring" mb="sm">
        {t('academics.certificates.expiringTitle', { days: n })}
      </Title>
      <NumberInput
        label={t('academics.certificates.withinDays')}
        min={1}
        max={365}
        allowDecimal={false}
        value={days}
        onChange={setDays}
        w={200}
        mb="sm"
      />
      {report.error ? (
        <QueryError error={report.error} inline />
      ) : items.length === 0 ? (
        <Text size="sm" aria-live="polite">
          {report.data ? t('academics.certificates.noneExpiring') : ''}
        </Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Caption>{t('academics.certificates.expiringCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('academics.certificates.teacher')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.number')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.issuer')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.expiresOn')}</Table.Th>
              <Table.Th scope="col">{t('academics.certificates.daysLeft')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{displayName(c)}</Table.Td>
                <Table.Td>{c.number}</Table.Td>
                <Table.Td>{c.issuer}</Table.Td>
                <Table.Td>{asDay(c.expiresOn, i18n.language)}</Table.Td>
                <Table.Td>{c.daysLeft}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
