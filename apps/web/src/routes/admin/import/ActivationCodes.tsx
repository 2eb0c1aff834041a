import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportAnswer } from '#core/wire/users.ts';
import { csvCell, downloadText, formatInstant } from '../../../components/format.ts';

const SHOWN = 200;

/** The one-time activation codes of a finished import: shown once, downloadable as CSV. */
export function ActivationCodes({ result }: { result: ImportAnswer }) {
  const { t, i18n } = useTranslation();
  const csv = () =>
    `login,activation_code\n${result.activationCodes.map((c) => `${csvCell(c.login)},${csvCell(c.code)}`).join('\n')}\n`;
  return (
    <Alert color="teal.9" variant="outline" role="status" title={t('import.done')}>
      <Stack gap="xs">
        <Text size="sm">{t('import.doneCounts', { created: result.created, updated: result.updated })}</Text>
        {result.activationCodes.length > 0 && (
          <>
            <Text size="sm" fw={700}>
              {t('import.codesOnce', { date: formatInstant(result.activationExpiresAt, i18n.language) })}
            </Text>
            <Group>
              <Button
                onClick={() =>
                  downloadText(`activation-codes-${new Date().toISOString().slice(0, 10)}.csv`, csv())
                }
              >
                {t('import.downloadCodes')}
              </Button>
            </Group>
            {result.activationCodes.length > SHOWN && (
              <Text size="sm">
                {t('import.codesTruncated', { shown: SHOWN, total: result.activationCodes.length })}
              </Text>
            )}
            <Table.ScrollContainer minWidth={400} mah={400}>
              <Table data-testid="activation-codes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('fields.login')}</Table.Th>
                    <Table.Th>{t('activate.code')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.activationCodes.slice(0, SHOWN).map((c) => (
                    <Table.Tr key={c.login}>
                      <Table.Td>{c.login}</Table.Td>
                      <Table.Td>
                        <code>{c.code}</code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Alert>
  );
}
