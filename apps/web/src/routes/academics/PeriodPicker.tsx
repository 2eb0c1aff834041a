import { Group, NumberInput, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studyForms } from '#core/wire/academics.ts';
import { get } from '../../api/client.ts';
import { periodLabel } from './calendar/CalendarTable.tsx';
import { currentStartYear, keys, options } from './shared.tsx';
import type { CalendarView } from './types.ts';

/** Picks an academic period from the approved calendar of a year and study form. */
export function PeriodPicker({
  value,
  onChange,
  error,
  required,
  defaultStudyForm = 'distance',
}: {
  value: string;
  onChange: (periodId: string) => void;
  error?: string;
  required?: boolean;
  defaultStudyForm?: string;
}) {
  const { t } = useTranslation();
  const [year, setYear] = useState<number | string>(currentStartYear());
  const [studyForm, setStudyForm] = useState(defaultStudyForm);
  const valid = Number(year) >= 2000 && Number(year) <= 2100;
  const cal = useQuery({
    queryKey: [...keys.calendar, 'approved', Number(year), studyForm],
    queryFn: () => get<CalendarView>('/api/v1/calendar', { year: Number(year), studyForm }),
    enabled: valid,
    retry: false,
  });
  const periods = cal.data?.calendar.periods ?? [];
  return (
    <Group align="flex-start" wrap="wrap">
      <NumberInput
        label={t('academics.fields.startYear')}
        min={2000}
        max={2100}
        allowDecimal={false}
        value={year}
        onChange={setYear}
        w={150}
      />
      <Select
        label={t('academics.fields.calendarStudyForm')}
        allowDeselect={false}
        value={studyForm}
        onChange={(v) => v && setStudyForm(v)}
        data={options(t, 'studyForm', studyForms)}
        w={200}
      />
      <Select
        label={t('academics.fields.period')}
        required={required}
        clearable={!required}
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        data={periods.map((p) => ({ value: p.id, label: periodLabel(t, p) }))}
        error={error ?? (cal.isError ? t('academics.calendar.noneApprovedShort') : undefined)}
        nothingFoundMessage={t('common.nothingFound')}
        w={220}
      />
    </Group>
  );
}
