import { Badge, MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserList } from '#core/wire/users.ts';
import { orgUnitsQuery } from '../../api/catalog.ts';
import { get } from '../../api/client.ts';
import { displayName } from '../../api/session.ts';
import { formatDay, formatInstant } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { kazakhCollator } from '../../i18n/index.ts';
import type { AcademicGroup, Page, Programme } from './types.ts';

/** Query keys of the area: every list and record starts with one of these. */
export const keys = {
  programmes: ['academics', 'programmes'] as const,
  curricula: ['academics', 'curricula'] as const,
  calendar: ['academics', 'calendar'] as const,
  years: ['academics', 'academic-years'] as const,
  groups: ['academics', 'groups'] as const,
  offerings: ['academics', 'offerings'] as const,
  myCourses: ['academics', 'my-courses'] as const,
  certificates: ['academics', 'certificates'] as const,
  timetable: ['academics', 'timetable'] as const,
};

/** Every programme (pickers); the API caps a page at 200. */
export const allProgrammesQuery = queryOptions({
  queryKey: [...keys.programmes, 'all'],
  queryFn: () => get<Page<Programme>>('/api/v1/programmes', { pageSize: 200 }),
  staleTime: 30_000,
});

export const allGroupsQuery = (programmeId?: string) =>
  queryOptions({
    queryKey: [...keys.groups, 'all', programmeId ?? null],
    queryFn: () => get<Page<AcademicGroup>>('/api/v1/academic-groups', { pageSize: 200, programmeId }),
    staleTime: 30_000,
  });

export const enumLabel = (t: TFunction, kind: string, value: string) =>
  t(`academics.enum.${kind}.${value}`, { defaultValue: value });

export const options = (t: TFunction, kind: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, label: enumLabel(t, kind, v) }));

/** Departments of the organization tree, by name in Kazakh order. */
export function useDepartmentOptions() {
  const { i18n } = useTranslation();
  const units = useQuery(orgUnitsQuery);
  const items = units.data?.items ?? [];
  const data = items
    .filter((u) => u.kind === 'department')
    .map((u) => ({ value: u.id, label: `${localizedName(i18n.language, u)} (${u.code})` }))
    .sort((a, b) => kazakhCollator.compare(a.label, b.label));
  const name = (id: string | null | undefined) => {
    const u = items.find((x) => x.id === id);
    return u ? localizedName(i18n.language, u) : (id ?? '');
  };
  return { data, name };
}

export function useProgrammeName() {
  const { i18n } = useTranslation();
  const all = useQuery(allProgrammesQuery);
  return (id: string) => {
    const p = all.data?.items.find((x) => x.id === id);
    return p ? `${p.code} ${localizedName(i18n.language, p.name)}` : id;
  };
}

export function useGroupNames(programmeId?: string) {
  const groups = useQuery(allGroupsQuery(programmeId));
  const items = groups.data?.items ?? [];
  return {
    items,
    name: (id: string) => items.find((g) => g.id === id)?.code ?? id,
  };
}

export function ProgrammeSelect({
  value,
  onChange,
  error,
  required,
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  const all = useQuery(allProgrammesQuery);
  const data = (all.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.code} — ${localizedName(i18n.language, p.name)}`,
  }));
  return (
    <Select
      label={label ?? t('academics.fields.programme')}
      searchable
      clearable={!required}
      required={required}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
      nothingFoundMessage={t('common.nothingFound')}
      w={360}
    />
  );
}

type Person = { id: string; surname: string; givenName: string; patronymic?: string | null; login: string };

/**
 * Picks people by searching the user directory; already chosen people keep their names
 * (known ids come from `known`).
 */
export function PeoplePicker({
  label,
  value,
  onChange,
  error,
  description,
  known = {},
}: {
  label: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  description?: string;
  known?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [names, setNames] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => get<UserList>('/api/v1/users', { q, pageSize: 20, status: 'active' }),
    enabled: q.trim().length >= 2,
  });
  const people: Person[] = (found.data?.items as Person[] | undefined) ?? [];
  const label2 = (p: Person) => `${displayName(p)} (${p.login})`;
  const data = [
    ...value.map((id) => ({ value: id, label: names[id] ?? known[id] ?? id })),
    ...people.filter((p) => !value.includes(p.id)).map((p) => ({ value: p.id, label: label2(p) })),
  ];
  return (
    <MultiSelect
      label={label}
      description={description ?? t('academics.people.searchHelp')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      hidePickedOptions
      data={data}
      value={value}
      onChange={(ids) => {
        const next = { ...names };
        for (const p of people) next[p.id] = label2(p);
        setNames(next);
        onChange(ids);
      }}
      error={error}
      nothingFoundMessage={q.trim().length >= 2 ? t('common.nothingFound') : t('academics.people.typeMore')}
    />
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'approved' ? 'teal.9' : status === 'draft' ? 'blue.9' : 'gray.8';
  return (
    <Badge variant="outline" color={color}>
      {enumLabel(t, 'status', status)}
    </Badge>
  );
}

/** Today in Asia/Almaty as YYYY-MM-DD. */
export function almatyToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
}

/** The academic year that contains today starts in September. */
export function currentStartYear(): number {
  const [y, m] = almatyToday().split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}

/**
 * A calendar day (YYYY-MM-DD) for people. Browsers often lack Kazakh date names
 * (Chromium prints "2026 M09 1"), so Kazakh gets the numeric form used in Kazakhstan.
 */
export function formatDate(day: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  if (lang === 'kk') return `${m[3]}.${m[2]}.${m[1]}`;
  return formatDay(`${day}T12:00:00+05:00`, lang);
}

/** An instant in Asia/Almaty for people; numeric in Kazakh for the same reason. */
export function formatTime(iso: string, lang: string): string {
  if (lang !== 'kk') return formatInstant(iso, lang);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Almaty',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}.${get('month')}.${get('year')} ${get('hour')}:${get('minute')}`;
}
