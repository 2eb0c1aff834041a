import { Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { localizedName } from '../../../components/labels.ts';
import { enumLabel, formatDate, formatTime } from '../shared.tsx';
import type { AcademicPeriod, ExamEntry } from '../types.ts';

export const periodLabel = (t: TFunction, p: { kind: string; number: number }) =>
  p.kind === 'summer' ? t('academics.calendar.summer') : t('academics.calendar.trimesterN', { n: p.number });

/** The periods of a calendar with their events, read-only; exams when given. */
export function CalendarTable({ periods, exams = [] }: { periods: AcademicPeriod[]; exams?: ExamEntry[] }) {
  const { t, i18n } = useTranslation();
  const day = (d: string) => formatDate(d, i18n.language);
  return (
    <Stack>
      {periods.map((p) => {
        const ownExams = exams.filter((e) => e.periodId === p.id);
        return (
          <section key={p.id} aria-labelledby={`period-${p.id}`}>
            <Title order={2} size="h4" id={`period-${p.id}`} mb="xs">
              {periodLabel(t, p)}: {day(p.start)} — {day(p.end)}
            </Title>
            {p.events.length > 0 && (
              <Table withTableBorder mb="sm">
                <Table.Caption>
                  {t('academics.calendar.eventsOf', { period: periodLabel(t, p) })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('academics.fields.eventKind')}</Table.Th>
                    <Table.Th scope="col">{t('academics.fields.start')}</Table.Th>
                    <Table.Th scope="col">{t('academics.fields.end')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.events.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: events are shown in their saved order
                    <Table.Tr key={i}>
                      <Table.Td>{enumLabel(t, 'eventKind', e.kind)}</Table.Td>
                      <Table.Td>{day(e.start)}</Table.Td>
                      <Table.Td>{day(e.end)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {ownExams.length > 0 && (
              <Table withTableBorder>
                <Table.Caption>
                  {t('academics.calendar.examsOf', { period: periodLabel(t, p) })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('academics.fields.discipline')}</Table.Th>
                    <Table.Th scope="col">{t('academics.fields.startsAt')}</Table.Th>
                    <Table.Th scope="col">{t('academics.fields.endsAt')}</Table.Th>
                    <Table.Th scope="col">{t('academics.fields.place')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ownExams.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>
                        {e.disciplineCode} {localizedName(i18n.language, e.disciplineName)}
                      </Table.Td>
                      <Table.Td>{formatTime(e.startsAt, i18n.language)}</Table.Td>
                      <Table.Td>{formatTime(e.endsAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        {e.place}
                        {e.onlineUrl && (
                          <a href={e.onlineUrl} target="_blank" rel="noreferrer">
                            {t('academics.timetable.onlineLink')}
                          </a>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {p.events.length === 0 && ownExams.length === 0 && (
              <Text size="sm">{t('academics.calendar.noEvents')}</Text>
            )}
          </section>
        );
      })}
    </Stack>
  );
}
