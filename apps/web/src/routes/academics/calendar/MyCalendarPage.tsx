import {
  Button,
  Card,
  CopyButton,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studyForms } from '#core/wire/academics.ts';
import { ApiError, del, get, post } from '../../../api/client.ts';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { currentStartYear, enumLabel, keys, options } from '../shared.tsx';
import type { CalendarFeedLink, CalendarView } from '../types.ts';
import { CalendarTable } from './CalendarTable.tsx';

/** The calendar that applies to me (my group's, or the one I pick as staff), my exams and my iCal link. */
export function MyCalendarPage() {
  const { t } = useTranslation();
  const [pick, setPick] = useState<{ studyForm: string; year: number } | null>(null);
  const [yearInput, setYearInput] = useState<number | string>(currentStartYear());
  const [formInput, setFormInput] = useState('distance');
  const mine = useQuery({
    queryKey: [...keys.calendar, 'mine', pick],
    queryFn: () => get<CalendarView>('/api/v1/calendar', pick ?? undefined),
  });
  const needsPick =
    pick !== null || (mine.error instanceof ApiError && mine.error.type === 'calendar-needs-study-form');
  const missing = mine.error instanceof ApiError && mine.error.status === 404;
  const cal = mine.data?.calendar;
  return (
    <Stack>
      <PageHeader title={t('academics.calendar.myTitle')} />
      {needsPick && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setPick({ studyForm: formInput, year: Number(yearInput) });
          }}
        >
          <Text size="sm" mb="xs">
            {t('academics.calendar.pickHelp')}
          </Text>
          <Group align="flex-end">
            <NumberInput
              label={t('academics.fields.startYear')}
              min={2000}
              max={2100}
              allowDecimal={false}
              value={yearInput}
              onChange={setYearInput}
              w={180}
            />
            <Select
              label={t('academics.fields.studyForm')}
              allowDeselect={false}
              value={formInput}
              onChange={(v) => v && setFormInput(v)}
              data={options(t, 'studyForm', studyForms)}
              w={220}
            />
            <Button type="submit">{t('academics.calendar.show')}</Button>
          </Group>
        </form>
      )}
      {mine.error && !needsPick && !missing && <QueryError error={mine.error} inline />}
      {missing && <Text>{t('academics.calendar.noneForMe')}</Text>}
      {cal && (
        <>
          <Text>
            {t('academics.calendar.yearTitle', {
              year: `${cal.startYear}–${cal.startYear + 1}`,
              studyForm: enumLabel(t, 'studyForm', cal.studyForm),
            })}
          </Text>
          <CalendarTable periods={cal.periods} exams={mine.data?.exams ?? []} />
        </>
      )}
      <FeedLink />
    </Stack>
  );
}

function FeedLink() {
  const { t } = useTranslation();
  const [link, setLink] = useState<CalendarFeedLink | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setLink(await post<CalendarFeedLink>('/api/v1/me/calendar-feed'));
      setStatus(t('academics.feed.created'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="ical-feed">
      <Title order={2} size="h4" id="ical-feed" mb="xs">
        {t('academics.feed.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('academics.feed.help')}</Text>
        <FormAlert error={error} />
        {link && (
          <Group align="flex-end">
            <TextInput
              label={t('academics.feed.url')}
              value={link.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              w={{ base: '100%', sm: 560 }}
            />
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        <Group>
          <Button onClick={() => void create()} loading={busy}>
            {link ? t('academics.feed.replace') : t('academics.feed.create')}
          </Button>
          <ConfirmButton
            variant="default"
            color="red.9"
            danger
            title={t('academics.feed.revokeTitle')}
            message={<Text>{t('academics.feed.revokeConfirm')}</Text>}
            confirmLabel={t('academics.feed.revoke')}
            onConfirm={async () => {
              await del('/api/v1/me/calendar-feed');
              setLink(null);
              setStatus(t('academics.feed.revoked'));
            }}
          >
            {t('academics.feed.revoke')}
          </ConfirmButton>
        </Group>
        <Text size="sm" aria-live="polite">
          {status}
        </Text>
      </Stack>
    </Card>
  );
}
