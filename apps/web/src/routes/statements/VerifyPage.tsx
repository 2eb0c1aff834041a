import { Alert, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatDay } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { kindLabel, statusLabel, type VerifiedDocument } from './shared.ts';

/** The public page a statement's QR code opens: is this document registered, and what does it say in total. */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { code } = useParams({ strict: false });
  usePageTitle(t('statements.verify.title'));
  const { data, error } = useQuery({
    queryKey: ['statements', 'verify', code],
    queryFn: () => get<VerifiedDocument>(`/api/v1/documents/${encodeURIComponent(code ?? '')}/verify`),
    retry: false,
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('statements.verify.title')}
      </Title>
      {error instanceof ApiError && error.status === 404 ? (
        <Alert color="red.9" variant="outline" role="alert">
          {t('statements.verify.unknown')}
        </Alert>
      ) : error ? (
        <FormAlert error={error} />
      ) : data ? (
        <>
          <Alert color="green.9" variant="outline" role="status">
            {t('statements.verify.valid')}
          </Alert>
          <Table>
            <Table.Tbody>
              {(
                [
                  [
                    t('statements.verify.number'),
                    `${data.number} (${kindLabel(t, data.statementKind, 0).replace(/\s*\(0\)/, '')})`,
                  ],
                  [
                    t('statements.field.discipline'),
                    `${data.discipline.code} ${localizedName(i18n.language, data.discipline.name)}`,
                  ],
                  [t('statements.field.group'), data.group],
                  [t('statements.field.status'), statusLabel(t, data.status)],
                  [
                    t('statements.verify.approvedAt'),
                    data.approvedAt
                      ? formatDay(data.approvedAt, i18n.language)
                      : t('statements.verify.notApproved'),
                  ],
                  [t('statements.verify.rows'), String(data.rowCount)],
                  [t('statements.counts'), data.counts.map((c) => `${c.letter} — ${c.count}`).join(', ')],
                ] as const
              ).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row">{k}</Table.Th>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
    </Stack>
  );
}
