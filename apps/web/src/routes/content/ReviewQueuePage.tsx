import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { contentKeys, kindLabel, type ReviewQueue } from './shared.tsx';

/** Materials waiting for the reviewer's decision, oldest first. */
export function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: contentKeys.reviews,
    queryFn: () => get<ReviewQueue>('/api/v1/content/reviews'),
  });
  if (error) return <QueryError error={error} />;
  return (
    <Stack>
      <PageHeader title={t('content.reviews.title')} />
      {data && data.items.length === 0 && <Text>{t('content.reviews.none')}</Text>}
      {data && data.items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('content.reviews.material')}</Table.Th>
              <Table.Th scope="col">{t('content.reviews.discipline')}</Table.Th>
              <Table.Th scope="col">{t('content.form.kind')}</Table.Th>
              <Table.Th scope="col">{t('content.versions.number')}</Table.Th>
              <Table.Th scope="col">{t('content.reviews.sent')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((r) => (
              <Table.Tr key={r.versionId}>
                <Table.Td>
                  <AnchorLink to="/content/materials/$materialId" params={{ materialId: r.materialId }}>
                    {r.title}
                  </AnchorLink>{' '}
                  {r.mine && (
                    <Badge variant="outline" color="gray.8">
                      {t('content.reviews.mine')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.disciplineCode}</Table.Td>
                <Table.Td>{kindLabel(t, r.kind)}</Table.Td>
                <Table.Td>{r.versionNo}</Table.Td>
                <Table.Td>{formatInstant(r.submittedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
