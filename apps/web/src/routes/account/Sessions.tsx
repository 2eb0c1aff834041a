import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MySession } from '#core/wire/auth.ts';
import { get } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';

export function Sessions() {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: ['me', 'sessions'],
    queryFn: () => get<{ items: MySession[] }>('/api/v1/me/sessions'),
  });
  if (error) return <FormAlert error={error} />;
  if (!data) return null;
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.started')}</Table.Th>
            <Table.Th>{t('sessions.lastSeen')}</Table.Th>
            <Table.Th>{t('sessions.ip')}</Table.Th>
            <Table.Th>{t('sessions.browser')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((s) => (
            <Table.Tr key={s.createdAt + (s.ip ?? '')}>
              <Table.Td>
                {formatInstant(s.createdAt, i18n.language)}{' '}
                {s.current && (
                  <Badge size="sm" color="blue.9" variant="filled">
                    {t('sessions.current')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatInstant(s.lastSeenAt, i18n.language)}</Table.Td>
              <Table.Td>{s.ip}</Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={2}>
                  {s.userAgent}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
