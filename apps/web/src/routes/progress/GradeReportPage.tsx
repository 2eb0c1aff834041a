import { Badge, Group, NumberInput, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradeDistributionReport } from '#core/wire/progress.ts';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatDay } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { PeriodPicker } from '../academics/PeriodPicker.tsx';
import { currentStartYear } from '../academics/shared.tsx';
import { statusLabel } from '../statements/shared.ts';

type Row = { counts: Array<{ letter: string; count: number }>; total: number; meanPercent: string | null };

/** Grade distribution per offering, department and programme; statements still not approved after the session. */
export function GradeReportPage() {
  return (
    <RequirePermission any={['statements.read', 'statements.generate', 'statements.approve']}>
      <Report />
    </RequirePermission>
  );
}

function Report() {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<'year' | 'period'>('year');
  const [year, setYear] = useState<number | string>(currentStartYear());
  const [periodId, setPeriodId] = useState('');
  const yearValid = Number(year) >= 2000 && Number(year) <= 2100;
  const params = by === 'year' ? { startYear: Number(year) } : { periodId };
  const enabled = by === 'year' ? yearValid : periodId !== '';
  const { data, error, isFetching } = useQuery({
    queryKey: ['progress', 'grades', params],
    queryFn: () => get<GradeDistributionReport>('/api/v1/reports/grade-distribution', params),
    enabled,
    placeholderData: keepPreviousData,
  });
  const name = (v: { kk: string; ru: string; en: string }) => localizedName(i18n.language, v);
  const letters = data?.letters ?? [];
  const cells = (r: Row) => (
    <>
      {r.counts.map((c) => (
        <Table.Td key={c.letter}>{c.count}</Table.Td>
      ))}
      <Table.Td>{r.total}</Table.Td>
      <Table.Td>{r.meanPercent ?? '—'}</Table.Td>
    </>
  );
  const head = (first: string[]) => (
    <Table.Thead>
      <Table.Tr>
        {first.map((h) => (
          <Table.Th key={h}>{h}</Table.Th>
        ))}
        {letters.map((l) => (
          <Table.Th key={l}>{l}</Table.Th>
        ))}
        <Table.Th>{t('progress.grades.total')}</Table.Th>
        <Table.Th>{t('progress.grades.mean')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  const section = (
    title: string,
    caption: string,
    first: string[],
    rows: React.ReactNode,
    empty: boolean,
  ) => (
    <>
      <Title order={2} size="h4">
        {title}
      </Title>
      {empty ? (
        <Text size="sm">{t('progress.grades.noResults')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-busy={isFetching}>
            <Table.Caption>{caption}</Table.Caption>
            {head(first)}
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
  return (
    <Stack>
      <PageHeader title={t('progress.grades.title')} />
      <Group align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="grades-by">
            {t('progress.grades.by')}
          </Text>
          <SegmentedControl
            aria-labelledby="grades-by"
            value={by}
            onChange={(v) => setBy(v as 'year' | 'period')}
            data={[
              { value: 'year', label: t('progress.grades.byYear') },
              { value: 'period', label: t('progress.grades.byPeriod') },
            ]}
          />
        </Stack>
        {by === 'year' ? (
          <NumberInput
            label={t('progress.grades.startYear')}
            min={2000}
            max={2100}
            allowDecimal={false}
            value={year}
            onChange={setYear}
            error={yearValid ? undefined : t('progress.grades.badYear')}
            w={180}
          />
        ) : (
          <PeriodPicker value={periodId} onChange={setPeriodId} required />
        )}
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : data ? (
        <>
          {section(
            t('progress.grades.byProgramme'),
            t('progress.grades.programmeCaption'),
            [t('progress.grades.programme')],
            data.programmes.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  {p.code} {name(p.name)}
                </Table.Td>
                {cells(p)}
              </Table.Tr>
            )),
            data.programmes.length === 0,
          )}
          {section(
            t('progress.grades.byDepartment'),
            t('progress.grades.departmentCaption'),
            [t('progress.grades.department')],
            data.departments.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{name(d.name)}</Table.Td>
                {cells(d)}
              </Table.Tr>
            )),
            data.departments.length === 0,
          )}
          {section(
            t('progress.grades.byOffering'),
            t('progress.grades.offeringCaption'),
            [t('progress.grades.offering'), t('progress.grades.programme')],
            data.offerings.map((o) => (
              <Table.Tr key={o.offeringId}>
                <Table.Td>
                  {o.discipline.code} {name(o.discipline.name)} ({o.code})
                </Table.Td>
                <Table.Td>{o.programme.code}</Table.Td>
                {cells(o)}
              </Table.Tr>
            )),
            data.offerings.length === 0,
          )}
          <Title order={2} size="h4">
            {t('progress.grades.overdue')}
          </Title>
          {data.overdueStatements.length === 0 ? (
            <Text size="sm">{t('progress.grades.noneOverdue')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Caption>{t('progress.grades.overdueCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('progress.grades.number')}</Table.Th>
                    <Table.Th>{t('progress.grades.discipline')}</Table.Th>
                    <Table.Th>{t('progress.grades.group')}</Table.Th>
                    <Table.Th>{t('progress.grades.status')}</Table.Th>
                    <Table.Th>{t('progress.grades.sessionEnded')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.overdueStatements.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <AnchorLink to="/statements/$statementId" params={{ statementId: s.id }}>
                          {s.number}
                        </AnchorLink>{' '}
                        {s.kind !== 'main' && (
                          <Text span size="sm">
                            ({t(`progress.grades.kind.${s.kind}`)})
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {s.discipline.code} {name(s.discipline.name)}
                      </Table.Td>
                      <Table.Td>{s.group.name}</Table.Td>
                      <Table.Td>{statusLabel(t, s.status)}</Table.Td>
                      <Table.Td>
                        {formatDay(s.sessionEndedOn, i18n.language)}{' '}
                        <Badge variant="outline" color="red.9">
                          {t('progress.grades.daysOverdue', { count: s.daysOverdue })}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      ) : null}
    </Stack>
  );
}
