import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  CourseWorkDto,
  CourseWorkSummary,
  DefenceDto,
  DefenceSessionDto,
  LearnerCourseWorkDto,
  ProgressDto,
} from '#core/wire/courseworks.ts';
import { get } from '../../api/client.ts';
import { localizedName } from '../../components/labels.ts';

export type {
  CourseWorkDto,
  CourseWorkSummary,
  DefenceDto,
  DefenceSessionDto,
  LearnerCourseWorkDto,
  ProgressDto,
};
export type Localized = { kk: string; ru: string; en: string };

export const cwKeys = {
  all: ['courseworks'] as const,
  list: () => ['courseworks', 'list'] as const,
  one: (offeringId: string) => ['courseworks', offeringId] as const,
  progress: (offeringId: string) => ['courseworks', offeringId, 'progress'] as const,
  defences: (offeringId: string) => ['courseworks', offeringId, 'defences'] as const,
  learner: (offeringId: string, learnerId: string) =>
    ['courseworks', offeringId, 'learner', learnerId] as const,
};

export const cwUrl = (offeringId: string) => `/api/v1/offerings/${offeringId}/course-work`;

/** The defence schedule: sessions with their learners in turn. */
export const defencesQuery = (offeringId: string) => ({
  queryKey: cwKeys.defences(offeringId),
  queryFn: () => get<{ items: DefenceSessionDto[] }>(`${cwUrl(offeringId)}/defences`),
});

export const courseWorkQuery = (offeringId: string) => ({
  queryKey: cwKeys.one(offeringId),
  queryFn: () => get<CourseWorkDto>(cwUrl(offeringId)),
});

/** A kk/ru/en title in the interface language. */
export function useLocalized() {
  const { i18n } = useTranslation();
  return (v: Localized) => localizedName(i18n.language, v);
}

const stateColor: Record<string, string> = {
  not_started: 'gray.8',
  handed_in: 'blue.9',
  accepted: 'teal.9',
  needs_changes: 'violet.9',
};

export function StateBadge({ state, overdue }: { state: string; overdue?: boolean }) {
  const { t } = useTranslation();
  if (overdue) {
    return (
      <Badge variant="filled" color="red.9">
        {t('courseworks.state.overdue')}
      </Badge>
    );
  }
  return (
    <Badge variant="outline" color={stateColor[state] ?? 'gray.8'}>
      {t(`courseworks.state.${state}`)}
    </Badge>
  );
}

export function ChoiceBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'accepted' ? 'teal.9' : status === 'declined' ? 'red.9' : 'blue.9';
  return (
    <Badge variant="outline" color={color}>
      {t(`courseworks.choiceStatus.${status}`)}
    </Badge>
  );
}

/** An instant as the value of a local date-time input in Almaty time (UTC+5). */
export function almatyLocal(iso: string): string {
  return new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 16);
}

/** A local date-time input (Almaty, UTC+5) as an ISO instant. */
export function almatyInstant(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+05:00`;
}
