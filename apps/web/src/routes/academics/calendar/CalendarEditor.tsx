import {
  ActionIcon,
  Button,
  Card,
  Fieldset,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarEventKinds } from '#core/calendar/academic-calendar.ts';
import { studyForms } from '#core/wire/academics.ts';
import { ApiError, fieldErrors, post } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { keys, options } from '../shared.tsx';
import type { AcademicPeriod, AcademicYear } from '../types.ts';
import { periodLabel } from './CalendarTable.tsx';

type EventRow = { kind: string; start: string; end: string };
type PeriodRow = {
  kind: 'trimester' | 'summer';
  number: number;
  start: string;
  end: string;
  events: EventRow[];
};

const blankPeriods = (): PeriodRow[] =>
  [1, 2, 3].map((n) => ({
    kind: 'trimester',
    number: n,
    start: '',
    end: '',
    events: [{ kind: 'exam_session', start: '', end: '' }],
  }));

const fromPeriods = (periods: AcademicPeriod[]): PeriodRow[] =>
  periods.map((p) => ({
    kind: p.kind,
    number: p.number,
    start: p.start,
    end: p.end,
    events: p.events.map((e) => ({ kind: e.kind, start: e.start, end: e.end })),
  }));

/** Problem pointers ("/periods/0/events/2") become the row keys they are shown next to. */
function rowErrors(err: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.errors) {
    const key = e.pointer.replace(/^\//, '').split('/').join('.');
    out[key] = [...(out[key] ?? []), e.detail];
  }
  return out;
}

/**
 * Drafts a calendar: periods and, within each, the events. The API validates the whole
 * calendar and names the row of every problem; the problems are shown on those rows.
 */
export function CalendarEditor({
  basedOn,
  startYear,
  studyForm,
  onCancel,
}: {
  basedOn?: AcademicYear;
  startYear: number;
  studyForm: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = basedOn?.status === 'approved';
  const form = useForm({
    initialValues: {
      startYear: basedOn?.startYear ?? startYear,
      studyForm: basedOn?.studyForm ?? studyForm,
      reason: '',
      periods: basedOn ? fromPeriods(basedOn.periods) : blankPeriods(),
    },
  });
  const problems = rowErrors(error);
  const rowProblem = (key: string) =>
    problems[key]?.length ? (
      <Text c="red.9" size="sm" role="alert">
        {problems[key].join(' ')}
      </Text>
    ) : null;

  const submit = form.onSubmit(async (v) => {
    if (needsReason && !v.reason.trim()) {
      form.setFieldError('reason', t('validation.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await post<AcademicYear>('/api/v1/academic-years', {
        startYear: Number(v.startYear),
        studyForm: v.studyForm,
        periods: v.periods.map((p) => ({ ...p, number: Number(p.number) })),
        ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
      });
      await qc.invalidateQueries({ queryKey: keys.years });
      void navigate({ to: '/academics/calendars/$yearId', params: { yearId: created.id } });
    } catch (err) {
      // Field problems (a missing date, the reason) show on their inputs; row problems below.
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });

  const periods = form.values.periods;
  return (
    <Card withBorder component="section" aria-labelledby="calendar-editor">
      <Text component="h2" fw={700} size="lg" id="calendar-editor" mb="sm">
        {needsReason ? t('academics.calendar.newVersion') : t('academics.calendar.newDraft')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={error} />
          {rowProblem('periods')}
          <Group>
            <NumberInput
              label={t('academics.fields.startYear')}
              required
              min={2000}
              max={2100}
              allowDecimal={false}
              readOnly={!!basedOn}
              w={180}
              {...form.getInputProps('startYear')}
            />
            <Select
              label={t('academics.fields.studyForm')}
              required
              allowDeselect={false}
              readOnly={!!basedOn}
              data={options(t, 'studyForm', studyForms)}
              w={220}
              {...form.getInputProps('studyForm')}
            />
          </Group>
          {needsReason && (
            <Textarea
              label={t('academics.common.reason')}
              description={t('academics.calendar.reasonHelp')}
              required
              autosize
              minRows={2}
              {...form.getInputProps('reason')}
            />
          )}
          {periods.map((p, i) => (
            <Fieldset
              // biome-ignore lint/suspicious/noArrayIndexKey: periods have no identity before they are saved
              key={i}
              legend={periodLabel(t, p)}
            >
              <Stack gap="sm">
                {rowProblem(`periods.${i}`)}
                <Group align="flex-start" wrap="wrap">
                  <Select
                    label={t('academics.fields.periodKind')}
                    allowDeselect={false}
                    data={[
                      { value: 'trimester', label: t('academics.calendar.trimester') },
                      { value: 'summer', label: t('academics.calendar.summer') },
                    ]}
                    w={170}
                    {...form.getInputProps(`periods.${i}.kind`)}
                  />
                  <NumberInput
                    label={t('academics.fields.periodNumber')}
                    min={1}
                    max={3}
                    allowDecimal={false}
                    w={120}
                    {...form.getInputProps(`periods.${i}.number`)}
                  />
                  <TextInput
                    type="date"
                    label={t('academics.fields.start')}
                    required
                    w={170}
                    {...form.getInputProps(`periods.${i}.start`)}
                  />
                  <TextInput
                    type="date"
                    label={t('academics.fields.end')}
                    required
                    w={170}
                    {...form.getInputProps(`periods.${i}.end`)}
                  />
                  <Button
                    variant="default"
                    color="red.9"
                    mt={24}
                    onClick={() => form.removeListItem('periods', i)}
                  >
                    {t('academics.calendar.removePeriod', { period: periodLabel(t, p) })}
                  </Button>
                </Group>
                {rowProblem(`periods.${i}.events`)}
                {p.events.map((_, j) => (
                  <Group
                    // biome-ignore lint/suspicious/noArrayIndexKey: events have no identity before they are saved
                    key={j}
                    align="flex-start"
                    wrap="wrap"
                    role="group"
                    aria-label={t('academics.calendar.eventN', { period: periodLabel(t, p), n: j + 1 })}
                    pl="md"
                  >
                    <Select
                      label={t('academics.fields.eventKind')}
                      allowDeselect={false}
                      data={options(t, 'eventKind', calendarEventKinds)}
                      w={240}
                      {...form.getInputProps(`periods.${i}.events.${j}.kind`)}
                    />
                    <TextInput
                      type="date"
                      label={t('academics.fields.start')}
                      required
                      w={170}
                      {...form.getInputProps(`periods.${i}.events.${j}.start`)}
                    />
                    <TextInput
                      type="date"
                      label={t('academics.fields.end')}
                      required
                      w={170}
                      {...form.getInputProps(`periods.${i}.events.${j}.end`)}
                    />
                    <ActionIcon
                      variant="default"
                      color="red.9"
                      mt={26}
                      aria-label={t('academics.calendar.removeEvent', { n: j + 1 })}
                      onClick={() => form.removeListItem(`periods.${i}.events`, j)}
                    >
                      ×
                    </ActionIcon>
                    <div style={{ flexBasis: '100%' }}>{rowProblem(`periods.${i}.events.${j}`)}</div>
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() =>
                      form.insertListItem(`periods.${i}.events`, {
                        kind: 'rating_control',
                        start: '',
                        end: '',
                      })
                    }
                  >
                    {t('academics.calendar.addEvent')}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() =>
                form.insertListItem('periods', {
                  kind: 'summer',
                  number: 1,
                  start: '',
                  end: '',
                  events: [],
                } satisfies PeriodRow)
              }
            >
              {t('academics.calendar.addPeriod')}
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('academics.calendar.saveDraft')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
