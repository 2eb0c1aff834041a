import { Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  admissionListDto,
  journalActivity,
  journalCell,
  journalComputed,
  journalDto,
  journalHistoryEntry,
  myGradesDto,
} from '#core/wire/journal.ts';
import { get } from '../../api/client.ts';
import { formatDay } from '../../components/format.ts';

export type Journal = z.infer<typeof journalDto>;
export type JournalRow = Journal['rows'][number];
export type Activity = z.infer<typeof journalActivity>;
export type Cell = z.infer<typeof journalCell>;
export type Computed = z.infer<typeof journalComputed>;
export type HistoryEntry = z.infer<typeof journalHistoryEntry>;
export type AdmissionList = z.infer<typeof admissionListDto>;
export type MyGrades = z.infer<typeof myGradesDto>;

/** Query keys of the area. */
export const gbKeys = {
  journal: (offeringId: string) => ['gradebook', 'journal', offeringId] as const,
  history: (offeringId: string, userId: string, activityId: string) =>
    ['gradebook', 'history', offeringId, userId, activityId] as const,
  admission: (offeringId: string) => ['gradebook', 'admission', offeringId] as const,
  myGrades: ['gradebook', 'my-grades'] as const,
  settings: ['gradebook', 'settings'] as const,
};

export const journalQuery = (offeringId: string) => ({
  queryKey: gbKeys.journal(offeringId),
  queryFn: () => get<Journal>(`/api/v1/offerings/${offeringId}/journal`),
});

export const learnerName = (l: { surname: string; givenName: string; patronymic?: string | null }) =>
  [l.surname, l.givenName, l.patronymic].filter(Boolean).join(' ');

/** Marks arrive as decimal strings ("85.50"); shown without trailing zeros. */
export function showScore(score: string | null | undefined): string {
  if (score === null || score === undefined || score === '') return '';
  const n = Number(score);
  return Number.isFinite(n) ? String(n) : score;
}

export const activityKindLabel = (t: TFunction, kind: string) =>
  t(`gradebook.kind.${kind}`, { defaultValue: kind });

/** A date of the calendar (YYYY-MM-DD) in the interface language. */
export const asDay = (d: string | null | undefined, lang: string) =>
  d ? formatDay(d.length === 10 ? `${d}T12:00:00+05:00` : d, lang) : '';

/** "Open until …", "Reopened until …" or "Closed". */
export function windowText(t: TFunction, lang: string, w: Activity['window']): string {
  if (w.state === 'closed') return t('gradebook.window.closed');
  return t(`gradebook.window.${w.state}`, { until: asDay(w.until, lang) });
}

export function reasonText(t: TFunction, reason: Computed['reasons'][number]): string {
  return t(`gradebook.reasons.${reason}`);
}

export function AdmissionBadge({ computed }: { computed: Pick<Computed, 'admitted' | 'individual'> }) {
  const { t } = useTranslation();
  if (!computed.admitted)
    return (
      <Text span fw={700} c="red.9" size="sm">
        {t('gradebook.admission.notAdmitted')}
      </Text>
    );
  return (
    <Text span fw={700} c="teal.9" size="sm">
      {computed.individual ? t('gradebook.admission.individual') : t('gradebook.admission.admitted')}
    </Text>
  );
}

/**
 * Checks a typed mark: empty clears the cell; otherwise 0–100 with at most two decimals
 * (a comma is read as the decimal point, as spreadsheets in kk/ru write it).
 */
export function parseMark(text: string): { ok: true; score: number | null } | { ok: false; error: string } {
  const s = text.trim().replace(',', '.');
  if (s === '') return { ok: true, score: null };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) {
    if (/^\d+\.\d{3,}$/.test(s)) return { ok: false, error: 'gradebook.validation.decimals' };
    return { ok: false, error: 'gradebook.validation.number' };
  }
  const n = Number(s);
  if (n < 0 || n > 100) return { ok: false, error: 'gradebook.validation.range' };
  return { ok: true, score: n };
}

/**
 * Remembers what had focus when a modal opened; call the returned function on close to
 * put focus back there (the modal itself does not).
 */
export function useReturnFocus(opened: boolean): () => void {
  const trigger = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (opened && document.activeElement instanceof HTMLElement) trigger.current = document.activeElement;
  }, [opened]);
  return () => {
    const el = trigger.current;
    if (el) setTimeout(() => (el.isConnected ? el.focus() : undefined), 0);
  };
}
