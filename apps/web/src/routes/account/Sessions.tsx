import { Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MySession } from '#core/wire/auth.ts';
import { del, get } from '../../api/client.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';

const key = ['me', 'sessions'];

export function Sessions() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => get<{ items: MySession[] }>('/api/v1/me/sessions'),
  });
  if (error) return <FormAlert error={error} />;
  if (!data) return null;

  const end = async (s: MySession) => {
    await del(`/api/v1/me/sessions/${s.handle}`);
    await qc.invalidateQueries({ queryKey: key });
  };

  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.started')}</Table.Th>
            <Table.Th>{t('sessions.lastSeen')}</Table.Th>
            <Table.Th>{t('sessions.ip')}</Table.Th>
            <Table.Th>{t('sessions.browser')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('sessions.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((s) => {
            const started = formatInstant(s.createdAt, i18n.language);
            return (
              <Table.Tr key={s.handle}>
                <Table.Td>
                  {started}{' '}
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
                <Table.Td>
                  {!s.current && (
                    <ConfirmButton
                      size="xs"
                      color="red.9"
                      variant="outline"
                      aria-label={t('sessions.endNamed', { started })}
                      title={t('sessions.endTitle')}
                      message={<Text size="sm">{t('sessions.endConfirm', { started })}</Text>}
                      confirmLabel={t('sessions.end')}
                      danger
                      onConfirm={() => end(s)}
                    >
                      {t('sessions.end')}
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
