import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '#core/wire/users.ts';
import { get, post } from '../../../api/client.ts';
import { displayName, usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { enumLabel, formatTime, keys, StatusBadge } from '../shared.tsx';
import type { AcademicYear } from '../types.ts';
import { CalendarEditor } from './CalendarEditor.tsx';
import { CalendarTable } from './CalendarTable.tsx';

/** One version of a calendar: a draft is approved here; an approved one gets a new version with a reason. */
export function CalendarYearPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const perms = usePermissions();
  const [editing, setEditing] = useState(false);
  const key = [...keys.years, id];
  const { data: y, error } = useQuery({
    queryKey: key,
    queryFn: () => get<AcademicYear>(`/api/v1/academic-years/${id}`),
  });
  const approver = useQuery({
    queryKey: ['users', y?.approvedBy],
    queryFn: () => get<User>(`/api/v1/users/${y?.approvedBy}`),
    enabled: !!y?.approvedBy && perms.has('users.read'),
  });
  if (error) return <QueryError error={error} />;
  if (!y) return null;
  const title = t('academics.calendar.yearTitle', {
    year: `${y.startYear}–${y.startYear + 1}`,
    studyForm: enumLabel(t, 'studyForm', y.studyForm),
  });
  return (
    <Stack>
      <PageHeader title={title}>
        <Group>
          <StatusBadge status={y.status} />
          <Text>{t('academics.common.versionNo', { n: y.versionNo })}</Text>
        </Group>
      </PageHeader>
      <Group gap="lg">
        <AnchorLink to="/academics/calendars" search={{ year: y.startYear, studyForm: y.studyForm }}>
          {t('academics.calendar.backToCalendars')}
        </AnchorLink>
        {y.previousId && (
          <AnchorLink to="/academics/calendars/$yearId" params={{ yearId: y.previousId }}>
            {t('academics.calendar.previousVersion')}
          </AnchorLink>
        )}
      </Group>
      {y.changeReason && (
        <Text>
          <strong>{t('academics.common.reason')}:</strong> {y.changeReason}
        </Text>
      )}
      {y.approvedAt && (
        <Alert color="teal.9" variant="outline" title={t('academics.calendar.approvedTitle')}>
          {t('academics.common.approvedBy', {
            who: approver.data ? displayName(approver.data) : (y.approvedBy ?? ''),
            when: formatTime(y.approvedAt, i18n.language),
          })}
        </Alert>
      )}
      <Group>
        {y.status === 'draft' && perms.has('calendar.approve') && (
          <ConfirmButton
            title={t('academics.calendar.approveTitle')}
            message={<Text>{t('academics.calendar.approveConfirm')}</Text>}
            confirmLabel={t('academics.calendar.approve')}
            onConfirm={async () => {
              await post(`/api/v1/academic-years/${y.id}/approve`);
              await qc.invalidateQueries({ queryKey: keys.years });
              await qc.invalidateQueries({ queryKey: keys.calendar });
            }}
          >
            {t('academics.calendar.approve')}
          </ConfirmButton>
        )}
        {y.status === 'approved' && perms.has('calendar.manage') && !editing && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('academics.calendar.newVersion')}
          </Button>
        )}
      </Group>
      {editing ? (
        <CalendarEditor
          basedOn={y}
          startYear={y.startYear}
          studyForm={y.studyForm}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CalendarTable periods={y.periods} />
      )}
    </Stack>
  );
}
