import { Anchor, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxMail } from '#core/wire/admin.ts';
import { get } from '../../../api/client.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { formatInstant } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';

export function OutboxMessagePage({ id }: { id: string }) {
  return (
    <RequirePermission any={['mail.outbox.read']}>
      <Message id={id} />
    </RequirePermission>
  );
}

const URL_RE = /(https?:\/\/[^\s<>"')]+)/g;

/** The plain-text body with its links made clickable (never rendered as HTML). */
function Linkified({ text }: { text: string }) {
  // split() with a capturing group puts the links at the odd positions; the offset keys each part.
  let offset = 0;
  const parts = text.split(URL_RE).map((p, i) => {
    const part = { text: p, link: i % 2 === 1, key: offset };
    offset += p.length + 1;
    return part;
  });
  return (
    <>
      {parts.map((p) =>
        p.link ? (
          <Anchor key={p.key} href={p.text} rel="noopener noreferrer">
            {p.text}
          </Anchor>
        ) : (
          <Fragment key={p.key}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

function Message({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { data: m, error } = useQuery({
    queryKey: ['outbox', 'one', id],
    queryFn: () => get<OutboxMail>(`/api/v1/admin/outbox/${id}`),
  });
  if (error) return <QueryError error={error} />;
  if (!m) return null;
  return (
    <Stack maw={900}>
      <AnchorLink to="/admin/outbox" size="sm">
        {t('outbox.back')}
      </AnchorLink>
      <PageHeader title={m.subject} />
      <Table variant="vertical" withTableBorder maw={600}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={160}>{t('outbox.to')}</Table.Th>
            <Table.Td>{m.to}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('outbox.created')}</Table.Th>
            <Table.Td>{formatInstant(m.createdAt, i18n.language)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('outbox.state')}</Table.Th>
            <Table.Td>
              {m.sentAt
                ? `${t('outbox.sent')}: ${formatInstant(m.sentAt, i18n.language)}`
                : t('outbox.notSent')}
            </Table.Td>
          </Table.Tr>
          {m.lastError && (
            <Table.Tr>
              <Table.Th>{t('outbox.lastError')}</Table.Th>
              <Table.Td>{m.lastError}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md">
        <Text className="mail-body" lang={m.language} data-testid="mail-body">
          <Linkified text={m.text} />
        </Text>
      </Paper>
    </Stack>
  );
}
