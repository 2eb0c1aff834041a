import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDate } from '../academics/shared.tsx';
import { type CourseWorkSummary, cwKeys, useLocalized } from './shared.tsx';

/** The course works I take part in: as a learner, supervisor, commission member or the department. */
export function CourseWorksPage() {
  const { t, i18n } = useTranslation();
  const name = useLocalized();
  const { data, error } = useQuery({
    queryKey: cwKeys.list(),
    queryFn: () => get<{ items: CourseWorkSummary[] }>('/api/v1/course-works'),
  });
  return (
    <Stack>
      <PageHeader title={t('courseworks.list.title')} />
      {error ? (
        <QueryError error={error} inline />
      ) : data && data.items.length === 0 ? (
        <Text>{t('courseworks.list.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('courseworks.list.discipline')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.list.offering')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.list.timeline')}</Table.Th>
              <Table.Th scope="col">{t('courseworks.list.as')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((c) => (
              <Table.Tr key={c.offeringId}>
                <Table.Td>
                  <AnchorLink to="/course-works/$offeringId" params={{ offeringId: c.offeringId }}>
                    {c.discipline.code} {name(c.discipline.name)}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{c.code}</Table.Td>
                <Table.Td>
                  {formatDate(c.periodStart, i18n.language)} – {formatDate(c.sessionStart, i18n.language)}
                </Table.Td>
                <Table.Td>{c.roles.map((r) => t(`courseworks.role.${r}`)).join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
