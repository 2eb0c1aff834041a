import { Alert, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../../api/client.ts';

/** Every bad row of a refused import, with line, column and reason. */
export function BadRows({ rows }: { rows: FieldProblem[] }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red.9"
      variant="outline"
      role="alert"
      title={t('import.badRowsTitle', { count: rows.length })}
    >
      <Table.ScrollContainer minWidth={500}>
        <Table data-testid="import-errors">
          <Table.Caption>{t('import.nothingChanged')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.line')}</Table.Th>
              <Table.Th>{t('import.column')}</Table.Th>
              <Table.Th>{t('import.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              // Several problems may share a line and column; their order is stable.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
              <Table.Tr key={`${r.line}-${r.column}-${i}`}>
                <Table.Td>{r.line}</Table.Td>
                <Table.Td>{r.column}</Table.Td>
                <Table.Td>{r.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Alert>
  );
}
