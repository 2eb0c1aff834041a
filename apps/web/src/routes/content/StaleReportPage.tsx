import { Card, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatDay } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { contentKeys, localized, type StaleReport } from './shared.tsx';

/** Materials not approved for 12 months (R-CNT-2), per department and teacher. */
export function StaleReportPage() {
  const { t, i18n } = useTranslation();
  const [months, setMonths] = useState(12);
  const [shown] = useDebouncedValue(months, 400);
  const { data, error } = useQuery({
    queryKey: contentKeys.stale(shown),
    queryFn: () => get<StaleReport>('/api/v1/content/reports/stale', { months: shown }),
  });
  if (error) return <QueryError error={error} />;
  const total = data?.departments.reduce(
    (n, d) => n + d.teachers.reduce((k, x) => k + x.materials.length, 0),
    0,
  );
  return (
    <Stack>
      <PageHeader title={t('content.stale.title')} />
      <NumberInput
        w={240}
        label={t('content.stale.months')}
        min={1}
        max={60}
        value={months}
        onChange={(v) => setMonths(typeof v === 'number' && v >= 1 && v <= 60 ? v : 12)}
      />
      {data && (
        <Text role="status">{t('content.stale.summary', { total: total ?? 0, months: data.months })}</Text>
      )}
      {data?.departments.map((d) => (
        <Card withBorder key={d.departmentId} component="section" aria-labelledby={`dep-${d.departmentId}`}>
          <Title order={2} size="h4" id={`dep-${d.departmentId}`} mb="xs">
            {localized(i18n.language, d.departmentName)}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('content.stale.teacher')}</Table.Th>
                <Table.Th scope="col">{t('content.reviews.discipline')}</Table.Th>
                <Table.Th scope="col">{t('content.reviews.material')}</Table.Th>
                <Table.Th scope="col">{t('content.stale.lastApproved')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.teachers.flatMap((teacher) =>
                teacher.materials.map((m, i) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{i === 0 ? teacher.name : ''}</Table.Td>
                    <Table.Td>{m.disciplineCode}</Table.Td>
                    <Table.Td>
                      <AnchorLink to="/content/materials/$materialId" params={{ materialId: m.id }}>
                        {m.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      {m.lastApprovedAt
                        ? formatDay(m.lastApprovedAt, i18n.language)
                        : t('content.editor.neverApproved')}
                    </Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </Stack>
  );
}
