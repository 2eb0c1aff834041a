import { Badge, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '#core/calendar/dates.ts';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { enumLabel, formatDate } from '../academics/shared.tsx';
import { type ContingentReport, fullName, recKeys, statusLabel, today } from './shared.tsx';

/** The contingent on a day, and contracts and leaves that end within 30 days of it. */
export function ReportsPage() {
  return (
    <RequirePermission any={['records.read']}>
      <Reports />
    </RequirePermission>
  );
}

function Reports() {
  const { t, i18n } = useTranslation();
  const [on, setOn] = useState(today());
  const valid = isIsoDate(on);
  const { data, error, isFetching } = useQuery({
    queryKey: recKeys.contingent(on),
    queryFn: () => get<ContingentReport>('/api/v1/reports/contingent', { on }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const day = (d: string) => formatDate(d, i18n.language);
  const total = data?.rows.reduce((s, r) => s + r.count, 0) ?? 0;
  return (
    <Stack>
      <PageHeader title={t('records.reports.title')} />
      <Group align="flex-end">
        <TextInput
          label={t('records.reports.on')}
          type="date"
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          error={valid ? undefined : t('records.reports.badDate')}
          w={200}
        />
        <Text size="sm" aria-live="polite">
          {data ? t('records.reports.total', { count: total, day: day(data.on) }) : ''}
        </Text>
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Title order={2} size="h4">
            {t('records.reports.contingent')}
          </Title>
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-busy={isFetching}>
              <Table.Caption>{t('records.reports.contingentCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('records.fields.programme')}</Table.Th>
                  <Table.Th>{t('records.fields.intakeYear')}</Table.Th>
                  <Table.Th>{t('records.fields.studyForm')}</Table.Th>
                  <Table.Th>{t('records.fields.dltCategory')}</Table.Th>
                  <Table.Th>{t('records.fields.status')}</Table.Th>
                  <Table.Th>{t('records.reports.count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.rows.map((r) => (
                  <Table.Tr
                    key={`${r.programmeId}-${r.intakeYear}-${r.studyForm}-${r.dltCategory}-${r.status}`}
                  >
                    <Table.Td>{r.programmeCode}</Table.Td>
                    <Table.Td>{r.intakeYear}</Table.Td>
                    <Table.Td>{enumLabel(t, 'studyForm', r.studyForm)}</Table.Td>
                    <Table.Td>{r.dltCategory ? enumLabel(t, 'dltCategory', r.dltCategory) : '—'}</Table.Td>
                    <Table.Td>{statusLabel(t, r.status)}</Table.Td>
                    <Table.Td>{r.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={2} size="h4">
            {t('records.reports.endingSoon')}
          </Title>
          {data && data.endingSoon.length === 0 ? (
            <Text size="sm">{t('records.reports.nothingEnding')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Caption>{t('records.reports.endingCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('records.fields.learner')}</Table.Th>
                    <Table.Th>{t('records.reports.what')}</Table.Th>
                    <Table.Th>{t('records.reports.endsOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data?.endingSoon.map((e) => (
                    <Table.Tr key={`${e.learnerId}-${e.kind}`}>
                      <Table.Td>
                        <AnchorLink to="/records/learners/$learnerId" params={{ learnerId: e.learnerId }}>
                          {fullName(e)}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{t(`records.reports.kind.${e.kind}`)}</Table.Td>
                      <Table.Td>
                        {day(e.endsOn)}
                        {e.overdue && (
                          <Badge ml="xs" variant="outline" color="red.9">
                            {t('records.reports.overdue')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
