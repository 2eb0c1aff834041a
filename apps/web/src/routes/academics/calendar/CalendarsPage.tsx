import { Alert, Button, Group, List, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studyForms } from '#core/wire/academics.ts';
import { ApiError, get } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { currentStartYear, keys, options, StatusBadge } from '../shared.tsx';
import type { CalendarView } from '../types.ts';
import { CalendarEditor } from './CalendarEditor.tsx';
import { CalendarTable } from './CalendarTable.tsx';

/** Academic Affairs and the DL institute: the approved calendar of a year and study form, and new drafts. */
export function CalendarsPage() {
  return (
    <RequirePermission any={['calendar.manage', 'calendar.approve']}>
      <Calendars />
    </RequirePermission>
  );
}

function Calendars() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as { year?: number; studyForm?: string };
  const navigate = useNavigate();
  const perms = usePermissions();
  const year = search.year ?? currentStartYear();
  const studyForm = search.studyForm ?? 'distance';
  const [yearInput, setYearInput] = useState<number | string>(year);
  const [editing, setEditing] = useState(false);
  const set = (next: { year?: number; studyForm?: string }) => {
    setEditing(false);
    void navigate({ to: '/academics/calendars', search: { year, studyForm, ...next }, replace: true });
  };
  const approved = useQuery({
    queryKey: [...keys.calendar, 'approved', year, studyForm],
    queryFn: () => get<CalendarView>('/api/v1/calendar', { year, studyForm }),
  });
  const missing = approved.error instanceof ApiError && approved.error.status === 404;
  const cal = approved.data?.calendar;
  return (
    <Stack>
      <PageHeader title={t('academics.calendar.manageTitle')} />
      <Group align="flex-end" role="search" aria-label={t('academics.common.filters')}>
        <NumberInput
          label={t('academics.fields.startYear')}
          description={t('academics.calendar.startYearHelp')}
          min={2000}
          max={2100}
          allowDecimal={false}
          value={yearInput}
          onChange={setYearInput}
          onBlur={() => Number(yearInput) >= 2000 && set({ year: Number(yearInput) })}
          onKeyDown={(e) =>
            e.key === 'Enter' && Number(yearInput) >= 2000 && set({ year: Number(yearInput) })
          }
          w={200}
        />
        <Select
          label={t('academics.fields.studyForm')}
          allowDeselect={false}
          value={studyForm}
          onChange={(v) => v && set({ studyForm: v })}
          data={options(t, 'studyForm', studyForms)}
          w={220}
        />
      </Group>
      {approved.error && !missing && <QueryError error={approved.error} inline />}
      {missing && <Text>{t('academics.calendar.noneApproved', { year: `${year}–${year + 1}` })}</Text>}
      {cal && (
        <Stack>
          <Group>
            <StatusBadge status={cal.status} />
            <Text>{t('academics.common.versionNo', { n: cal.versionNo })}</Text>
            <AnchorLink to="/academics/calendars/$yearId" params={{ yearId: cal.id }}>
              {t('academics.calendar.openVersion')}
            </AnchorLink>
          </Group>
          {!editing && <CalendarTable periods={cal.periods} />}
        </Stack>
      )}
      <CalendarVersions year={year} studyForm={studyForm} />
      {perms.has('calendar.manage') && !editing && (approved.data || missing) && (
        <Group>
          <Button onClick={() => setEditing(true)}>
            {cal ? t('academics.calendar.newVersion') : t('academics.calendar.newDraft')}
          </Button>
        </Group>
      )}
      {editing && (
        <>
          {cal && (
            <Alert variant="outline" color="blue.9">
              {t('academics.calendar.versionNote')}
            </Alert>
          )}
          <CalendarEditor
            basedOn={cal}
            startYear={year}
            studyForm={studyForm}
            onCancel={() => setEditing(false)}
          />
        </>
      )}
    </Stack>
  );
}

type VersionSummary = { id: string; versionNo: number; status: string; approvedAt: string | null };

/** Every version of the year's calendar for this study form, drafts included, each a link. */
function CalendarVersions({ year, studyForm }: { year: number; studyForm: string }) {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: [...keys.years, 'versions', year, studyForm],
    queryFn: ({ signal }) =>
      get<{ items: VersionSummary[] }>('/api/v1/academic-years', { startYear: year, studyForm }, signal),
  });
  if (versions.error) return <QueryError error={versions.error} />;
  if (!versions.data || versions.data.items.length === 0) return null;
  return (
    <section aria-labelledby="calendar-versions">
      <Title order={2} size="h4" id="calendar-versions" mb="xs">
        {t('academics.calendar.versionsTitle')}
      </Title>
      <List>
        {versions.data.items.map((v) => (
          <List.Item key={v.id}>
            <Group gap="xs">
              <AnchorLink to="/academics/calendars/$yearId" params={{ yearId: v.id }}>
                {t('academics.common.versionNo', { n: v.versionNo })}
              </AnchorLink>
              <StatusBadge status={v.status} />
            </Group>
          </List.Item>
        ))}
      </List>
    </section>
  );
}
