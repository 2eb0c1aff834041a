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

/** The public page a statement's or transcript's QR code opens: is this document registered, and what does it say in total. */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { code } = useParams({ strict: false });
  usePageTitle(t('statements.verify.title'));
  const { data, error } = useQuery({
    queryKey: ['statements', 'verify', code],
    queryFn: () => get<VerifiedDocument>(`/api/v1/documents/${encodeURIComponent(code ?? '')}/verify`),
    retry: false,
  });
  const rowsOf = (d: VerifiedDocument): Array<readonly [string, string]> =>
    d.kind === 'transcript'
      ? [
          [t('transcripts.verify.kind'), t('transcripts.verify.transcript')],
          [t('transcripts.verify.learner'), d.learner],
          [t('transcripts.verify.issuedAt'), formatDay(d.issuedAt, i18n.language)],
          [t('transcripts.verify.gpa'), d.gpa ?? '—'],
          [t('transcripts.verify.credits'), String(d.credits)],
          [t('transcripts.verify.lines'), String(d.lineCount)],
          [
            t('transcripts.verify.current'),
            d.current ? t('transcripts.verify.isCurrent') : t('transcripts.verify.notCurrent'),
          ],
        ]
      : [
          [
            t('statements.verify.number'),
            `${d.number} (${kindLabel(t, d.statementKind, 0).replace(/\s*\(0\)/, '')})`,
          ],
          [
            t('statements.field.discipline'),
            `${d.discipline.code} ${localizedName(i18n.language, d.discipline.name)}`,
          ],
          [t('statements.field.group'), d.group],
          [t('statements.field.status'), statusLabel(t, d.status)],
          [
            t('statements.verify.approvedAt'),
            d.approvedAt ? formatDay(d.approvedAt, i18n.language) : t('statements.verify.notApproved'),
          ],
          [t('statements.verify.rows'), String(d.rowCount)],
          [t('statements.counts'), d.counts.map((c) => `${c.letter} — ${c.count}`).join(', ')],
        ];
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
              {rowsOf(data).map(([k, v]) => (
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
