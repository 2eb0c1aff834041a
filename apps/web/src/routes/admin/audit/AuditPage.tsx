import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditList, AuditVerification, IntegrityPhase } from '#core/wire/admin.ts';
import { get, getWithProgress, type Stage } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { formatInstant } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { StageProgress } from '../../../components/StageProgress.tsx';

const PAGE_SIZE = 50;

export function AuditPage() {
  return (
    <RequirePermission any={['audit.read']}>
      <Audit />
    </RequirePermission>
  );
}

/** A calendar day in Almaty (UTC+5) as the instant it starts or ends. */
const dayStart = (d: string) => (d ? `${d}T00:00:00+05:00` : undefined);
const dayEnd = (d: string) => (d ? `${d}T23:59:59.999+05:00` : undefined);

function Audit() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState({ action: '', subjectType: '', subjectId: '', from: '', to: '' });
  const [debounced] = useDebouncedValue(filters, 400);
  const [page, setPage] = useState(1);
  const [stage, setStage] = useState<Stage<IntegrityPhase> | null>(null);
  const [verdict, setVerdict] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const { data, error } = useQuery({
    queryKey: ['audit', debounced, page],
    queryFn: () =>
      get<AuditList>('/api/v1/audit', {
        action: debounced.action.trim(),
        subjectType: debounced.subjectType.trim(),
        subjectId: debounced.subjectId.trim(),
        from: dayStart(debounced.from),
        to: dayEnd(debounced.to),
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof typeof filters) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setFilters({ ...filters, [k]: e.currentTarget.value });
    setPage(1);
  };
  const verify = async () => {
    setStage({ phase: 'ledger', done: 0, total: 0 });
    setVerdict(null);
    setVerifyError(null);
    try {
      setVerdict(
        await getWithProgress<AuditVerification, IntegrityPhase>('/api/v1/audit/verify', {
          query: { progress: 'true' },
          onStage: setStage,
        }),
      );
    } catch (err) {
      setVerifyError(err);
    } finally {
      setStage(null);
    }
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack>
      <PageHeader title={t('audit.title')}>
        <Button onClick={() => void verify()} loading={stage !== null}>
          {t('audit.verify')}
        </Button>
      </PageHeader>
      {stage && (
        <StageProgress
          id="audit-verify-progress"
          stage={stage}
          label={
            stage.total === 0 && stage.done === 0
              ? t('audit.verifyStarting')
              : t(`audit.verifyPhase.${stage.phase}`, { done: stage.done, total: stage.total })
          }
        />
      )}
      <div aria-live="polite">{verdict && <Verdict verdict={verdict} />}</div>
      <FormAlert error={verifyError} />
      <Group align="flex-end" wrap="wrap" role="search" aria-label={t('audit.filters')}>
        <TextInput label={t('audit.action')} value={filters.action} onChange={set('action')} w={200} />
        <TextInput
          label={t('audit.subjectType')}
          value={filters.subjectType}
          onChange={set('subjectType')}
          w={160}
        />
        <TextInput
          label={t('audit.subjectId')}
          value={filters.subjectId}
          onChange={set('subjectId')}
          w={280}
        />
        <TextInput label={t('audit.from')} type="date" value={filters.from} onChange={set('from')} w={170} />
        <TextInput label={t('audit.to')} type="date" value={filters.to} onChange={set('to')} w={170} />
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {data ? t('audit.found', { count: data.total }) : ''}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('audit.at')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.subject')}</Table.Th>
                  <Table.Th>{t('audit.ip')}</Table.Th>
                  <Table.Th>{t('audit.data')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td>{e.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(e.at, i18n.language)}</Table.Td>
                    <Table.Td>{e.actorLogin ?? e.actorId ?? '—'}</Table.Td>
                    <Table.Td>
                      <Code>{e.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      {e.subjectType}
                      {e.subjectId ? ` ${e.subjectId}` : ''}
                    </Table.Td>
                    <Table.Td>{e.ip}</Table.Td>
                    <Table.Td>
                      <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                        {JSON.stringify(e.data)}
                      </Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
              getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

/** The overall verdict, then each part's: passed or failed, what it found, the first problems. */
function Verdict({ verdict }: { verdict: AuditVerification }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={verdict.ok ? 'teal.9' : 'red.9'}
      variant="outline"
      role={verdict.ok ? 'status' : 'alert'}
      title={verdict.ok ? t('audit.verifyOk') : t('audit.verifyBad')}
    >
      <Stack gap="sm">
        <Text size="sm">{verdict.message}</Text>
        <List spacing="xs" listStyleType="none" data-testid="audit-verify-parts">
          {verdict.parts.map((p) => (
            <List.Item key={p.part} data-part={p.part} data-ok={p.ok}>
              <Group gap="xs" wrap="nowrap" align="baseline">
                <Badge color={p.ok ? 'teal.9' : 'red.9'} variant="light" miw={80}>
                  {p.ok ? t('audit.partOk') : t('audit.partBad')}
                </Badge>
                <Text size="sm" fw={600}>
                  {t(`audit.part.${p.part}`)}
                </Text>
              </Group>
              <Text size="sm">{p.message}</Text>
              {p.problems.length > 0 && (
                <List size="sm" withPadding>
                  {p.problems.map((x) => (
                    <List.Item key={x}>{x}</List.Item>
                  ))}
                  {p.more > 0 && <List.Item>{t('audit.more', { count: p.more })}</List.Item>}
                </List>
              )}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}
