import { Button, Group, List, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, get, post } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import {
  AdmissionBadge,
  type AdmissionList,
  gbKeys,
  journalQuery,
  learnerName,
  reasonText,
  useReturnFocus,
} from './shared.tsx';

type AdmissionRow = AdmissionList['rows'][number];

/** Who is admitted to attestation per group and, for everyone who is not, exactly why. */
export function AdmissionPage({ offeringId }: { offeringId: string }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: gbKeys.admission(offeringId),
    queryFn: () => get<AdmissionList>(`/api/v1/offerings/${offeringId}/admission`),
  });
  // The journal names the groups (tabs).
  const journal = useQuery(journalQuery(offeringId));
  const [tab, setTab] = useState<string | null>(null);
  const [grantFor, setGrantFor] = useState<AdmissionRow | null>(null);
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const groups = journal.data?.groups ?? [];
  const groupId = tab ?? groups[0]?.id ?? null;
  const title = `${t('gradebook.admission.title')}: ${data.offering.code} — ${localizedName(i18n.language, data.offering.discipline.name)}`;
  const table = (rows: AdmissionRow[], group: string) => (
    <Table captionSide="top">
      <Table.Caption>{t('gradebook.admission.caption', { group })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('gradebook.journal.learner')}</Table.Th>
          <Table.Th scope="col">{t('gradebook.computed.r1')}</Table.Th>
          <Table.Th scope="col">{t('gradebook.computed.r2')}</Table.Th>
          <Table.Th scope="col">{t('gradebook.computed.admissionRating')}</Table.Th>
          <Table.Th scope="col">{t('gradebook.computed.admitted')}</Table.Th>
          <Table.Th scope="col">{t('gradebook.admission.why')}</Table.Th>
          {data.canGrant && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.learner.id}>
            <Table.Th scope="row" fw={500}>
              {learnerName(r.learner)}
            </Table.Th>
            <Table.Td>{r.r1}</Table.Td>
            <Table.Td>{r.r2}</Table.Td>
            <Table.Td>{r.admissionRating}</Table.Td>
            <Table.Td>
              <AdmissionBadge computed={r} />
            </Table.Td>
            <Table.Td>
              <Reasons row={r} />
            </Table.Td>
            {data.canGrant && (
              <Table.Td>
                {!r.admitted && (
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('gradebook.admission.grantFor', { name: learnerName(r.learner) })}
                    onClick={() => setGrantFor(r)}
                  >
                    {t('gradebook.admission.grantShort')}
                  </Button>
                )}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <Stack>
      <PageHeader title={title}>
        <AnchorLink to="/gradebook/offerings/$offeringId/journal" params={{ offeringId }}>
          {t('gradebook.journal.title')}
        </AnchorLink>
      </PageHeader>
      {groups.length > 0 ? (
        <Tabs value={groupId} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {groups.map((g) => (
              <Tabs.Tab key={g.id} value={g.id}>
                {g.code}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {groups.map((g) => (
            <Tabs.Panel key={g.id} value={g.id} pt="sm">
              {table(
                data.rows.filter((r) => r.learner.groupId === g.id),
                g.code,
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        table(data.rows, '')
      )}
      <GrantModal row={grantFor} offeringId={offeringId} onClose={() => setGrantFor(null)} />
    </Stack>
  );
}

function Reasons({ row }: { row: AdmissionRow }) {
  const { t } = useTranslation();
  if (row.admitted) {
    return row.individual && row.justification ? (
      <Text size="sm">{t('gradebook.admission.justified', { text: row.justification })}</Text>
    ) : null;
  }
  return (
    <List size="sm">
      {row.reasons.map((reason) =>
        reason === 'activitiesIncomplete' ? (
          <List.Item key={reason}>
            {t('gradebook.reasons.missing', {
              titles: row.missingActivities.map((a) => a.title).join(', '),
            })}
          </List.Item>
        ) : (
          <List.Item key={reason}>{reasonText(t, reason)}</List.Item>
        ),
      )}
    </List>
  );
}

function GrantModal({
  row,
  offeringId,
  onClose,
}: {
  row: AdmissionRow | null;
  offeringId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const restore = useReturnFocus(row !== null);
  const close = () => {
    restore();
    setText('');
    setMissing('');
    setError(null);
    onClose();
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!row) return;
    if (text.trim().length < 5) {
      setMissing(t('gradebook.validation.justification'));
      return;
    }
    setMissing('');
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/offerings/${offeringId}/admission/grants`, {
        userId: row.learner.id,
        justification: text.trim(),
      });
      await qc.invalidateQueries({ queryKey: gbKeys.admission(offeringId) });
      await qc.invalidateQueries({ queryKey: gbKeys.journal(offeringId) });
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal
      opened={row !== null}
      onClose={close}
      returnFocus={false}
      title={t('gradebook.admission.grantTitle', { name: row ? learnerName(row.learner) : '' })}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          <Textarea
            label={t('gradebook.admission.justification')}
            description={t('gradebook.admission.justificationHelp')}
            required
            data-autofocus
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={missing || fieldErrors(error).justification}
            autosize
            minRows={3}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('gradebook.admission.grant')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
