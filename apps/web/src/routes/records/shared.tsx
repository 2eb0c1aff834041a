import { Badge, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  contingentReport,
  learnerCard,
  learnerList,
  learnerOrder,
  studyPlan,
  studyPlanList,
} from '#core/wire/records.ts';
import type { UserList } from '#core/wire/users.ts';
import { get } from '../../api/client.ts';
import { displayName } from '../../api/session.ts';

export type LearnerCard = z.infer<typeof learnerCard>;
export type LearnerOrder = z.infer<typeof learnerOrder>;
export type LearnerList = z.infer<typeof learnerList>;
export type StudyPlan = z.infer<typeof studyPlan>;
export type PlanDiscipline = StudyPlan['compulsory'][number];
export type StudyPlanList = z.infer<typeof studyPlanList>;
export type ContingentReport = z.infer<typeof contingentReport>;

/** Query keys of the area. */
export const recKeys = {
  all: ['records'] as const,
  learners: ['records', 'learners'] as const,
  card: (id: string) => ['records', 'card', id] as const,
  plan: (id: string, year?: number) => ['records', 'plan', id, year ?? null] as const,
  plans: ['records', 'plans'] as const,
  contingent: (on: string) => ['records', 'contingent', on] as const,
};

export const cardQuery = (id: string) => ({
  queryKey: recKeys.card(id),
  queryFn: () => get<LearnerCard>(`/api/v1/learners/${id}/card`),
});

export const statusLabel = (t: TFunction, s: string | null) =>
  s ? t(`records.status.${s}`, { defaultValue: s }) : t('records.status.none');
export const orderKindLabel = (t: TFunction, k: string) => t(`records.kind.${k}`, { defaultValue: k });
export const planStatusLabel = (t: TFunction, s: string) => t(`records.planStatus.${s}`, { defaultValue: s });

const statusColor: Record<string, string> = {
  studying: 'teal.9',
  academic_leave: 'grape.9',
  expelled: 'red.9',
  graduated: 'blue.9',
};

export function LearnerStatusBadge({ status }: { status: string | null }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={status ? (statusColor[status] ?? 'gray.8') : 'gray.8'}>
      {statusLabel(t, status)}
    </Badge>
  );
}

export function PlanStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color =
    status === 'approved'
      ? 'teal.9'
      : status === 'returned'
        ? 'red.9'
        : status === 'submitted'
          ? 'blue.9'
          : 'gray.8';
  return (
    <Badge variant="outline" color={color}>
      {planStatusLabel(t, status)}
    </Badge>
  );
}

export const fullName = displayName;

/** Picks one person by searching the user directory (signers of orders, single admissions). */
export function PersonSelect({
  label,
  value,
  onChange,
  error,
  description,
  required,
  known,
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
  description?: string;
  required?: boolean;
  /** the person already chosen, with their name (the signer defaults to oneself) */
  known?: { value: string; label: string };
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(known ?? null);
  const found = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => get<UserList>('/api/v1/users', { q, pageSize: 20, status: 'active' }),
    enabled: q.trim().length >= 2,
  });
  const data = (found.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${displayName(p)} (${p.login})`,
  }));
  if (picked && !data.some((d) => d.value === picked.value)) data.unshift(picked);
  return (
    <Select
      label={label}
      description={description ?? t('records.people.searchHelp')}
      searchable
      required={required}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={value || null}
      onChange={(v, option) => {
        setPicked(v ? { value: v, label: option?.label ?? v } : null);
        onChange(v ?? '');
      }}
      error={error}
      nothingFoundMessage={q.trim().length >= 2 ? t('common.nothingFound') : t('records.people.typeMore')}
    />
  );
}

/** A localized discipline name. */
export const disciplineName = (lang: string, n: { kk: string; ru: string; en: string }) =>
  lang === 'ru' ? n.ru : lang === 'en' ? n.en : n.kk;

/** Today in Asia/Almaty as YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
}
