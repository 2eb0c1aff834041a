import { Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourseOffering } from '#core/wire/academics.ts';
import { get, post } from '../../api/client.ts';
import { usePermissions } from '../../api/session.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatDay } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useGroupNames } from '../academics/shared.tsx';
import type { Page } from '../academics/types.ts';
import {
  finalControlLabel,
  kindLabel,
  type Statement,
  type StatementSummary,
  statusLabel,
  stKeys,
} from './shared.ts';

/** The statements the signed-in person examines, reads or approves; the registrar generates new ones here. */
export function StatementsPage() {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  const { data, error } = useQuery({
    queryKey: stKeys.mine,
    queryFn: () => get<{ items: StatementSummary[] }>('/api/v1/me/statements'),
  });
  return (
    <Stack>
      <PageHeader title={t('statements.list.title')} />
      {perms.has('statements.generate') && <GenerateForm />}
      {error ? (
        <QueryError error={error} inline />
      ) : !data ? null : data.items.length === 0 ? (
        <Text>{t('statements.list.none')}</Text>
      ) : (
        <Table captionSide="top" striped>
          <Table.Caption>{t('statements.list.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('statements.field.number')}</Table.Th>
              <Table.Th scope="col">{t('statements.field.discipline')}</Table.Th>
              <Table.Th scope="col">{t('statements.field.group')}</Table.Th>
              <Table.Th scope="col">{t('statements.field.form')}</Table.Th>
              <Table.Th scope="col">{t('statements.field.examDate')}</Table.Th>
              <Table.Th scope="col">{t('statements.field.learners')}</Table.Th>
              <Table.Th scope="col">{t('statements.field.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row">
                  <AnchorLink to="/statements/$statementId" params={{ statementId: s.id }}>
                    {s.number}
                  </AnchorLink>
                  {s.kind !== 'main' && (
                    <Text size="xs" c="dimmed">
                      {kindLabel(t, s.kind, s.ordinal)}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>
                  {s.discipline.code} {localizedName(i18n.language, s.discipline.name)}
                </Table.Td>
                <Table.Td>{s.group.name}</Table.Td>
                <Table.Td>{finalControlLabel(t, s.finalControl)}</Table.Td>
                <Table.Td>{s.examDate ? formatDay(s.examDate, i18n.language) : '—'}</Table.Td>
                <Table.Td>{s.rowCount}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color={s.status === 'approved' ? 'green.9' : 'blue.9'}>
                      {statusLabel(t, s.status)}
                    </Badge>
                    {s.role === 'examiner' && (
                      <Badge variant="outline" color="gray.8">
                        {t('statements.list.youExamine')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Generation: an offering and one of its groups; a repeated click sends the same Idempotency-Key. */
function GenerateForm() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [offeringId, setOfferingId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ offering?: string; group?: string }>({});
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const offerings = useQuery({
    queryKey: ['statements', 'offerings', search],
    queryFn: () => get<Page<CourseOffering>>('/api/v1/offerings', { q: search || undefined, pageSize: 50 }),
  });
  const groups = useGroupNames();
  // Kept once picked: the search box then shows the picked label, which finds no offering.
  const [offering, setOffering] = useState<CourseOffering | undefined>(undefined);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m = {
      offering: offeringId ? undefined : t('statements.generate.pickOffering'),
      group: groupId ? undefined : t('statements.generate.pickGroup'),
    };
    setMissing(m);
    if (m.offering || m.group) return;
    key.current ??= crypto.randomUUID();
    setBusy(true);
    setError(null);
    try {
      const s = await post<Statement>(
        '/api/v1/statements',
        { offeringId, groupId },
        { 'idempotency-key': key.current },
      );
      key.current = null;
      await qc.invalidateQueries({ queryKey: stKeys.mine });
      await navigate({ to: '/statements/$statementId', params: { statementId: s.id } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="generate-title">
        <Stack>
          <Title order={2} size="h4" id="generate-title">
            {t('statements.generate.title')}
          </Title>
          <Text size="sm">{t('statements.generate.help')}</Text>
          <FormAlert error={error} />
          <Group align="flex-start" grow>
            <Select
              label={t('statements.field.offering')}
              required
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              data={[
                ...(offering && !offerings.data?.items.some((o) => o.id === offering.id) ? [offering] : []),
                ...(offerings.data?.items ?? []),
              ].map((o) => ({
                value: o.id,
                label: `${o.code} — ${localizedName(i18n.language, o.disciplineName)}`,
              }))}
              value={offeringId}
              onChange={(v) => {
                setOfferingId(v);
                setOffering(offerings.data?.items.find((o) => o.id === v));
                setGroupId(null);
                key.current = null;
              }}
              error={missing.offering}
              nothingFoundMessage={t('statements.generate.noOfferings')}
            />
            <Select
              label={t('statements.field.group')}
              required
              data={(offering?.groupIds ?? []).map((id) => ({ value: id, label: groups.name(id) }))}
              value={groupId}
              onChange={(v) => {
                setGroupId(v);
                key.current = null;
              }}
              error={missing.group}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('statements.generate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
