import { Alert, Badge, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '#core/wire/users.ts';
import { api, apiWithEtag, fieldErrors, get, post } from '../../../api/client.ts';
import { displayName, usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { AppModal } from '../../../components/AppModal.tsx';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { enumLabel, formatTime, keys, StatusBadge, useProgrammeName } from '../shared.tsx';
import type { Curriculum, CurriculumEntry } from '../types.ts';
import { DisciplineForm } from './DisciplineForm.tsx';

/** The curriculum builder: disciplines by year and period; a draft is edited, then approved. */
export function CurriculumPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const perms = usePermissions();
  const programmeName = useProgrammeName();
  const key = [...keys.curricula, id];
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => apiWithEtag<Curriculum>(`/api/v1/curricula/${id}`),
  });
  const approver = useQuery({
    queryKey: ['users', data?.data.approvedBy],
    queryFn: () => get<User>(`/api/v1/users/${data?.data.approvedBy}`),
    enabled: !!data?.data.approvedBy && perms.has('users.read'),
  });
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const c = data.data;
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const draft = c.status === 'draft';
  const title = t('academics.curricula.title', {
    programme: programmeName(c.programmeId),
    year: c.intakeYear,
  });
  const totalCredits = c.entries.reduce((s, e) => s + e.credits, 0);

  return (
    <Stack>
      <PageHeader title={title}>
        <Group>
          <StatusBadge status={c.status} />
          <Badge variant="outline" color="gray.8">
            {t('academics.common.versionNo', { n: c.versionNo })}
          </Badge>
        </Group>
      </PageHeader>
      <Group gap="lg">
        <AnchorLink to="/academics/programmes/$programmeId" params={{ programmeId: c.programmeId }}>
          {t('academics.curricula.backToProgramme')}
        </AnchorLink>
        {c.previousId && (
          <AnchorLink to="/academics/curricula/$curriculumId" params={{ curriculumId: c.previousId }}>
            {t('academics.curricula.previousVersion')}
          </AnchorLink>
        )}
      </Group>
      {c.changeReason && (
        <Text>
          <strong>{t('academics.common.reason')}:</strong> {c.changeReason}
        </Text>
      )}
      {c.approvedAt && (
        <Alert color="teal.9" variant="outline" title={t('academics.curricula.approvedTitle')}>
          {t('academics.common.approvedBy', {
            who: approver.data ? displayName(approver.data) : (c.approvedBy ?? ''),
            when: formatTime(c.approvedAt, i18n.language),
          })}{' '}
          {c.status !== 'draft' && t('academics.curricula.readOnlyNote')}
        </Alert>
      )}
      <Group>
        {draft && perms.has('curricula.approve') && (
          <ConfirmButton
            title={t('academics.curricula.approveTitle')}
            message={<Text>{t('academics.curricula.approveConfirm', { count: c.entries.length })}</Text>}
            confirmLabel={t('academics.curricula.approve')}
            onConfirm={async () => {
              await api('POST', `/api/v1/curricula/${c.id}/approve`, {
                headers: data.etag ? { 'If-Match': data.etag } : {},
              });
              await refresh();
            }}
          >
            {t('academics.curricula.approve')}
          </ConfirmButton>
        )}
        {c.status === 'approved' && perms.has('curricula.manage') && <RevisionButton curriculum={c} />}
      </Group>
      <Text aria-live="polite">
        {t('academics.curricula.summary', { count: c.entries.length, credits: totalCredits })}
      </Text>
      <EntriesTable entries={c.entries} />
      {draft && perms.has('curricula.manage') && (
        <DisciplineForm curriculum={c} etag={data.etag} onAdded={refresh} />
      )}
    </Stack>
  );
}

function EntriesTable({ entries }: { entries: CurriculumEntry[] }) {
  const { t, i18n } = useTranslation();
  const groups = new Map<string, CurriculumEntry[]>();
  for (const e of entries) {
    const k = `${e.yearOfStudy}/${e.periodNumber}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  if (entries.length === 0) return <Text>{t('academics.curricula.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder>
        <Table.Caption>{t('academics.curricula.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('academics.fields.disciplineCode')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.discipline')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.credits')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.component')}</Table.Th>
            <Table.Th scope="col">{t('academics.fields.finalControl')}</Table.Th>
            <Table.Th scope="col">{t('academics.curricula.activities')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...groups.entries()].map(([k, list]) => {
            const [year, period] = k.split('/');
            const credits = list.reduce((s, e) => s + e.credits, 0);
            return (
              <Fragment key={k}>
                <Table.Tr bg="gray.1">
                  <Table.Th colSpan={6} scope="colgroup">
                    {t('academics.curricula.groupHeading', { year, period, credits })}
                  </Table.Th>
                </Table.Tr>
                {list.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.code}</Table.Td>
                    <Table.Td>{localizedName(i18n.language, e.name)}</Table.Td>
                    <Table.Td>{e.credits}</Table.Td>
                    <Table.Td>
                      {enumLabel(t, 'component', e.component)}
                      {e.electiveBlock && ` — ${e.electiveBlock}`}
                    </Table.Td>
                    <Table.Td>{enumLabel(t, 'finalControl', e.finalControl)}</Table.Td>
                    <Table.Td>
                      {e.controlActivities.length === 0 ? (
                        '—'
                      ) : (
                        <Stack gap={0}>
                          {e.controlActivities.map((a, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: activities are listed in their saved order
                            <Text size="sm" key={i}>
                              {t('academics.curricula.activityLine', {
                                kind: enumLabel(t, 'activityKind', a.kind),
                                title: a.title,
                                week: a.dueWeek,
                                weight: a.weight,
                              })}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RevisionButton({ curriculum }: { curriculum: Curriculum }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('validation.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await post<Curriculum>(`/api/v1/curricula/${curriculum.id}/revisions`, {
        reason: reason.trim(),
      });
      await qc.invalidateQueries({ queryKey: keys.curricula });
      setOpened(false);
      void navigate({ to: '/academics/curricula/$curriculumId', params: { curriculumId: next.id } });
    } catch (err) {
      setReasonError(fieldErrors(err).reason);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('academics.curricula.revise')}
      </Button>
      <AppModal opened={opened} onClose={() => setOpened(false)} title={t('academics.curricula.revise')}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <FormAlert error={error} />
            <Text size="sm">{t('academics.curricula.reviseHelp')}</Text>
            <Textarea
              label={t('academics.common.reason')}
              required
              autosize
              minRows={3}
              data-autofocus
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setReasonError(undefined);
              }}
              error={reasonError}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('academics.curricula.reviseSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>
    </>
  );
}
