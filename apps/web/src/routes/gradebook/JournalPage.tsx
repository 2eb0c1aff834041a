import { Anchor, Button, Group, Select, Stack, Table, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentShares, isCurrentControl } from '#core/grading/journal.ts';
import { fieldErrors, get, post, put } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { JournalGrid } from './JournalGrid.tsx';
import {
  type Activity,
  gbKeys,
  type HistoryEntry,
  type JournalRow,
  journalQuery,
  learnerName,
  showScore,
  useReturnFocus,
} from './shared.tsx';

const NO_ROWS: JournalRow[] = [];

/** The electronic journal of an offering, one tab per academic group. */
export function JournalPage({ offeringId }: { offeringId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data: journal, error, isFetching, refetch } = useQuery(journalQuery(offeringId));
  const [tab, setTab] = useState<string | null>(null);
  const [current, setCurrent] = useState<{ row: JournalRow | null; activity: Activity | null }>({
    row: null,
    activity: null,
  });
  const [historyOpen, setHistoryOpen] = useState(false);
  const [reopenOpen, setReopenOpen] = useState(false);
  const [weightsOpen, setWeightsOpen] = useState(false);
  const onActiveChange = useCallback(
    (row: JournalRow | null, activity: Activity | null) =>
      setCurrent((prev) => (prev.row === row && prev.activity === activity ? prev : { row, activity })),
    [],
  );
  // One stable array of rows per group, so the grid re-renders only when the journal changes.
  const byGroup = useMemo(() => {
    const m = new Map<string, JournalRow[]>();
    for (const r of journal?.rows ?? []) {
      const g = r.learner.groupId ?? '';
      const list = m.get(g);
      if (list) list.push(r);
      else m.set(g, [r]);
    }
    return m;
  }, [journal?.rows]);
  if (error) return <QueryError error={error} />;
  if (!journal) return null;
  const title = `${t('gradebook.journal.title')}: ${journal.offering.code} — ${localizedName(i18n.language, journal.offering.discipline.name)}`;
  const groupId = tab ?? journal.groups[0]?.id ?? null;
  const rowsOf = (g: string) => byGroup.get(g) ?? NO_ROWS;
  return (
    <Stack>
      <PageHeader title={title}>
        <Group gap="xs">
          <AnchorLink to="/gradebook/offerings/$offeringId/admission" params={{ offeringId }}>
            {t('gradebook.admission.title')}
          </AnchorLink>
          <Anchor href={`/api/v1/offerings/${offeringId}/journal/export`} download>
            {t('gradebook.journal.export')}
          </Anchor>
        </Group>
      </PageHeader>
      <Text size="sm">
        {journal.canEdit ? t('gradebook.journal.keyboardHelp') : t('gradebook.journal.readOnlyHelp')}
      </Text>
      <Group gap="xs" aria-label={t('gradebook.journal.toolbar')} role="group">
        <Button
          size="xs"
          variant="default"
          disabled={!current.row || !current.activity}
          onClick={() => setHistoryOpen(true)}
        >
          {current.row && current.activity
            ? t('gradebook.history.openFor', {
                cell: `${learnerName(current.row.learner)} — ${current.activity.title}`,
              })
            : t('gradebook.history.open')}
        </Button>
        <Button
          size="xs"
          variant="default"
          loading={isFetching}
          onClick={() => {
            void qc.invalidateQueries({ queryKey: gbKeys.journal(offeringId) });
            void refetch();
          }}
        >
          {t('gradebook.journal.reload')}
        </Button>
        {journal.canEdit && (
          <Button size="xs" variant="default" onClick={() => setWeightsOpen(true)}>
            {t('gradebook.weights.open')}
          </Button>
        )}
        {journal.canReopen && (
          <Button size="xs" variant="default" onClick={() => setReopenOpen(true)}>
            {t('gradebook.reopen.open')}
          </Button>
        )}
      </Group>
      {journal.groups.length === 0 ? (
        <Text>{t('gradebook.journal.noGroups')}</Text>
      ) : (
        <Tabs value={groupId} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {journal.groups.map((g) => (
              <Tabs.Tab key={g.id} value={g.id}>
                {g.code}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {journal.groups.map((g) => (
            <Tabs.Panel key={g.id} value={g.id} pt="sm">
              <JournalGrid
                journal={journal}
                rows={rowsOf(g.id)}
                caption={t('gradebook.journal.gridLabel', { group: g.code })}
                onActiveChange={onActiveChange}
                onHistory={() => setHistoryOpen(true)}
              />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
      {current.row && current.activity && (
        <HistoryModal
          opened={historyOpen}
          onClose={() => {
            setHistoryOpen(false);
            // Back to the cell the history was opened for.
            setTimeout(
              () => document.querySelector<HTMLElement>('[role=grid] input[tabindex="0"]')?.focus(),
              0,
            );
          }}
          returnFocus={false}
          offeringId={offeringId}
          userId={current.row.learner.id}
          activity={current.activity}
          learner={learnerName(current.row.learner)}
        />
      )}
      {journal.canEdit && (
        <WeightsModal
          opened={weightsOpen}
          onClose={() => setWeightsOpen(false)}
          offeringId={offeringId}
          activities={journal.activities}
        />
      )}
      {journal.canReopen && (
        <ReopenModal
          opened={reopenOpen}
          onClose={() => setReopenOpen(false)}
          offeringId={offeringId}
          activities={journal.activities}
        />
      )}
    </Stack>
  );
}

/** Every change of one cell: old → new, who, when, why. */
export function HistoryModal({
  opened,
  onClose,
  offeringId,
  userId,
  activity,
  learner,
  returnFocus,
}: {
  opened: boolean;
  onClose: () => void;
  returnFocus?: boolean;
  offeringId: string;
  userId: string;
  activity: { id: string; title: string };
  learner?: string;
}) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery({
    queryKey: gbKeys.history(offeringId, userId, activity.id),
    queryFn: () =>
      get<{ items: HistoryEntry[] }>(`/api/v1/offerings/${offeringId}/journal/history`, {
        userId,
        activityId: activity.id,
      }),
    enabled: opened,
    staleTime: 0,
  });
  const mark = (s: string | null) => (s === null ? t('gradebook.history.empty') : showScore(s));
  // Focus goes back to what opened the history (the button or the cell).
  const restore = useReturnFocus(opened);
  const close = () => {
    onClose();
    if (returnFocus !== false) restore();
  };
  return (
    <AppModal
      opened={opened}
      onClose={close}
      returnFocus={false}
      size="xl"
      title={t('gradebook.history.title', {
        cell: learner ? `${learner} — ${activity.title}` : activity.title,
      })}
    >
      {error ? (
        <QueryError error={error} inline />
      ) : !data ? null : data.items.length === 0 ? (
        <Text>{t('gradebook.history.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('gradebook.history.when')}</Table.Th>
              <Table.Th scope="col">{t('gradebook.history.change')}</Table.Th>
              <Table.Th scope="col">{t('gradebook.history.who')}</Table.Th>
              <Table.Th scope="col">{t('gradebook.history.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: history entries have no id and never reorder
              <Table.Tr key={`${h.changedAt}-${i}`}>
                <Table.Td>{formatInstant(h.changedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  {mark(h.oldScore)} → {mark(h.newScore)}
                </Table.Td>
                <Table.Td>
                  {h.changedBy
                    ? `${h.changedBy.surname} ${h.changedBy.givenName}`
                    : t(`gradebook.source.${h.source}`, { defaultValue: h.source })}
                </Table.Td>
                <Table.Td>
                  {h.reason ?? t(`gradebook.source.${h.source}`, { defaultValue: h.source })}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </AppModal>
  );
}

/** The dean's office reopens a control activity whose edit window closed, with a reason. */
function ReopenModal({
  opened,
  onClose,
  offeringId,
  activities,
}: {
  opened: boolean;
  onClose: () => void;
  offeringId: string;
  activities: Activity[];
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [activityId, setActivityId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!activityId) m.activityId = t('validation.required');
    if (reason.trim().length < 3) m.reason = t('gradebook.validation.reason');
    setMissing(m);
    if (Object.keys(m).length) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await post<{ activityId: string; until: string }>(
        `/api/v1/offerings/${offeringId}/journal/reopen`,
        { activityId, reason: reason.trim() },
      );
      await qc.invalidateQueries({ queryKey: gbKeys.journal(offeringId) });
      setStatus(t('gradebook.reopen.done', { until: formatInstant(answer.until, i18n.language) }));
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fe = fieldErrors(error);
  const restore = useReturnFocus(opened);
  const close = () => {
    onClose();
    restore();
  };
  return (
    <AppModal opened={opened} onClose={close} returnFocus={false} title={t('gradebook.reopen.title')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          <Select
            label={t('gradebook.reopen.activity')}
            required
            data={activities.map((a) => ({
              value: a.id,
              label: `${a.title} (${t(`gradebook.window.short.${a.window.state}`)})`,
            }))}
            value={activityId}
            onChange={setActivityId}
            error={missing.activityId ?? fe.activityId}
          />
          <Textarea
            label={t('gradebook.fields.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={missing.reason ?? fe.reason}
            autosize
            minRows={2}
          />
          <Text size="sm" role="status">
            {status}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('gradebook.reopen.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** "1,5" or "1.5" → 1.5 when it is a valid weight (positive, ≤ 1000, at most two decimals), else null. */
function parseWeight(text: string): number | null {
  const v = text.trim().replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(v)) return null;
  const n = Number(v);
  return n > 0 && n <= 1000 ? n : null;
}

/**
 * The teacher sets how much each current-control activity counts in its half's ТК; an empty
 * field means the working curriculum's weight. The share each activity would get is shown live.
 */
function WeightsModal({
  opened,
  onClose,
  offeringId,
  activities,
}: {
  opened: boolean;
  onClose: () => void;
  offeringId: string;
  activities: Activity[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const current = activities.filter(isCurrentControl);
  const initial = () => Object.fromEntries(current.map((a) => [a.id, a.weightSet ? a.weight : '']));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const restore = useReturnFocus(opened);
  const effective = (a: Activity) => {
    const typed = values[a.id] ?? '';
    return typed.trim() === '' ? a.defaultWeight : (parseWeight(typed) ?? 0);
  };
  const shares = currentShares(
    activities.map((a) => (isCurrentControl(a) ? { ...a, weight: String(effective(a)) } : a)),
  );
  const fe = fieldErrors(error);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    for (const a of current) {
      const typed = values[a.id] ?? '';
      if (typed.trim() !== '' && parseWeight(typed) === null) bad[a.id] = t('gradebook.weights.invalid');
    }
    setLocal(bad);
    setStatus('');
    if (Object.keys(bad).length > 0) {
      document.getElementById(`weight-${Object.keys(bad)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await put(`/api/v1/offerings/${offeringId}/journal/weights`, {
        weights: current.map((a) => {
          const typed = values[a.id] ?? '';
          return { activityId: a.id, weight: typed.trim() === '' ? null : parseWeight(typed) };
        }),
      });
      await qc.invalidateQueries({ queryKey: gbKeys.journal(offeringId) });
      setStatus(t('gradebook.weights.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    onClose();
    setValues(initial());
    setLocal({});
    setError(null);
    setStatus('');
    restore();
  };
  return (
    <AppModal opened={opened} onClose={close} returnFocus={false} title={t('gradebook.weights.title')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <Text size="sm">{t('gradebook.weights.help')}</Text>
          <FormAlert error={error} />
          {current.length === 0 && <Text>{t('gradebook.weights.none')}</Text>}
          {current.map((a, i) => (
            <TextInput
              key={a.id}
              id={`weight-${a.id}`}
              label={t('gradebook.weights.label', { activity: a.title, half: a.half })}
              description={t('gradebook.weights.share', {
                share: shares.get(a.id) ?? '0.00',
                half: a.half,
                default: a.defaultWeight,
              })}
              placeholder={a.defaultWeight}
              inputMode="decimal"
              value={values[a.id] ?? ''}
              onChange={(ev) => {
                const v = ev.currentTarget.value;
                setValues((prev) => ({ ...prev, [a.id]: v }));
              }}
              error={local[a.id] ?? fe[`weights.${i}.weight`] ?? fe[`weights.${i}.activityId`]}
            />
          ))}
          <Text size="sm" role="status">
            {status}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
            <Button type="submit" loading={busy} disabled={current.length === 0}>
              {t('gradebook.weights.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
