import { Box, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, put } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { errorText } from '../../components/FormAlert.tsx';
import {
  type Activity,
  asDay,
  type Computed,
  gbKeys,
  type Journal,
  type Cell as JournalCellT,
  type JournalRow,
  learnerName,
  parseMark,
  showScore,
  useReturnFocus,
  windowText,
} from './shared.tsx';
import './journal.css';

type Pos = { r: number; c: number };
/** A stale refusal remembers the version it was refused against; a reload that brings a newer one clears it. */
type CellError = { text: string; staleVersion?: number };
type RowErrors = Record<string, CellError>;
type Undo = { userId: string; activityId: string; prev: number | null };
type ReasonAsk = { userId: string; activityId: string; score: number | null; label: string; undo: boolean };

const HEADER_ROWS = 2;
/** Rows have a fixed height so that only those near the viewport need to be in the DOM. */
const ROW_H = 36;
const OVERSCAN = 12;
/** Small journals render every row; larger ones only a window around what is visible. */
const WINDOW_FROM = 80;

/**
 * The journal of one academic group as an ARIA grid of real inputs (roving tabindex):
 * arrows move, typing starts editing, Enter and Tab commit and move, Escape cancels,
 * F2 edits the value in place, Delete clears, Ctrl+Z undoes the last change, and a
 * column pasted from a spreadsheet fills consecutive rows.
 */
export function JournalGrid({
  journal,
  rows,
  caption,
  onActiveChange,
  onHistory,
}: {
  journal: Journal;
  rows: JournalRow[];
  caption: string;
  onActiveChange?: (row: JournalRow | null, activity: Activity | null) => void;
  /** Alt+H on a cell: show its history. */
  onHistory?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const offeringId = journal.offering.id;
  const activities = useMemo(
    () => [...journal.activities].sort((a, b) => a.half - b.half || a.dueWeek - b.dueWeek),
    [journal.activities],
  );
  const editable = journal.canEdit;
  const [active, setActive] = useState<Pos>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ draft: string; mode: 'enter' | 'edit' } | null>(null);
  const [errors, setErrors] = useState<Record<string, RowErrors>>({});
  const [saving, setSaving] = useState<Record<string, Record<string, true>>>({});
  const [status, setStatus] = useState('');
  const [alertText, setAlertText] = useState('');
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const undoStack = useRef<Undo[]>([]);
  const reasons = useRef<Record<string, string>>({});
  const gridRef = useRef<HTMLTableElement>(null);
  const focusWanted = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const windowed = rows.length > WINDOW_FROM;
  const [range, setRange] = useState({ start: 0, end: Math.min(rows.length, 40) });
  const updateRange = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const head = gridRef.current?.tHead?.offsetHeight ?? 0;
    const first = Math.floor(Math.max(0, el.scrollTop - head) / ROW_H);
    const start = Math.max(0, first - OVERSCAN);
    const end = first + Math.ceil(el.clientHeight / ROW_H) + OVERSCAN;
    setRange((prev) => (prev.start === start && prev.end === end ? prev : { start, end }));
  }, []);

  const key = useMemo(() => gbKeys.journal(offeringId), [offeringId]);
  const historyRef = useRef(onHistory);
  historyRef.current = onHistory;
  const label = useCallback((row: JournalRow, a: Activity) => `${learnerName(row.learner)} — ${a.title}`, []);

  const setCellError = useCallback((userId: string, activityId: string, e: CellError | null) => {
    setErrors((prev) => {
      const row = { ...(prev[userId] ?? {}) };
      if (e) row[activityId] = e;
      else delete row[activityId];
      return { ...prev, [userId]: row };
    });
    if (e) setAlertText(e.text);
  }, []);

  const setCellSaving = useCallback((userId: string, activityId: string, on: boolean) => {
    setSaving((prev) => {
      const row = { ...(prev[userId] ?? {}) };
      if (on) row[activityId] = true;
      else delete row[activityId];
      return { ...prev, [userId]: row };
    });
  }, []);

  const currentCell = useCallback(
    (userId: string, activityId: string): JournalCellT | undefined => {
      const j = qc.getQueryData<Journal>(key);
      return j?.rows.find((r) => r.learner.id === userId)?.cells[activityId];
    },
    [qc, key],
  );

  const applyAnswer = useCallback(
    (userId: string, activityId: string, cell: JournalCellT, computed: Computed) => {
      qc.setQueryData<Journal>(key, (j) =>
        j
          ? {
              ...j,
              rows: j.rows.map((r) =>
                r.learner.id === userId ? { ...r, cells: { ...r.cells, [activityId]: cell }, computed } : r,
              ),
            }
          : j,
      );
    },
    [qc, key],
  );

  /** Sends one mark; refusals land on the cell and are announced. */
  const save = useCallback(
    async (
      userId: string,
      activityId: string,
      score: number | null,
      opts: { undo?: boolean; reason?: string; label: string },
    ): Promise<boolean> => {
      const cell = currentCell(userId, activityId);
      const prev = cell?.score ?? null;
      const version = cell?.version ?? 0;
      const reason = opts.reason ?? reasons.current[activityId];
      setCellSaving(userId, activityId, true);
      setCellError(userId, activityId, null);
      try {
        const answer = await put<{ cell: JournalCellT; computed: Computed }>(
          `/api/v1/offerings/${offeringId}/journal/marks`,
          { userId, activityId, score, ...(reason ? { reason } : {}) },
          { 'If-Match': `"${version}"` },
        );
        applyAnswer(userId, activityId, answer.cell, answer.computed);
        setAlertText('');
        if (opts.undo !== false)
          undoStack.current.push({ userId, activityId, prev: prev === null ? null : Number(prev) });
        setStatus(
          score === null
            ? t('gradebook.journal.cleared', { cell: opts.label })
            : t('gradebook.journal.saved', { cell: opts.label, score: showScore(answer.cell.score) }),
        );
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          setCellError(userId, activityId, { text: t('gradebook.journal.stale'), staleVersion: version });
        } else if (err instanceof ApiError && err.type === 'reason-required') {
          delete reasons.current[activityId];
          setAsk({ userId, activityId, score, label: opts.label, undo: opts.undo !== false });
        } else if (err instanceof ApiError && err.type === 'edit-window-closed') {
          setCellError(userId, activityId, { text: t('gradebook.journal.windowClosed') });
        } else if (err instanceof ApiError && err.status === 400) {
          const detail = err.errors.find((e) => e.pointer.includes('score'))?.detail ?? errorText(err, t);
          setCellError(userId, activityId, { text: detail });
        } else {
          setCellError(userId, activityId, { text: errorText(err, t) });
        }
        return false;
      } finally {
        setCellSaving(userId, activityId, false);
      }
    },
    [currentCell, offeringId, applyAnswer, setCellError, setCellSaving, t],
  );

  // The latest state for the key handler, so rows keep stable callbacks.
  const state = useRef({ active, editing, rows, activities });
  state.current = { active, editing, rows, activities };

  const move = useCallback((r: number, c: number) => {
    const { rows: rs, activities: as } = state.current;
    const nr = Math.max(0, Math.min(rs.length - 1, r));
    const nc = Math.max(0, Math.min(as.length - 1, c));
    focusWanted.current = true;
    setEditing(null);
    setActive({ r: nr, c: nc });
  }, []);

  /** Commits the draft of the active cell; false when the value is refused before sending. */
  const commit = useCallback((): boolean => {
    const { active: p, editing: ed, rows: rs, activities: as } = state.current;
    if (!ed) return true;
    const row = rs[p.r];
    const a = as[p.c];
    if (!row || !a) return true;
    const parsed = parseMark(ed.draft);
    if (!parsed.ok) {
      setCellError(row.learner.id, a.id, { text: t(parsed.error) });
      return false;
    }
    setEditing(null);
    const cur = row.cells[a.id]?.score ?? null;
    const same = cur === null ? parsed.score === null : parsed.score !== null && Number(cur) === parsed.score;
    if (!same) void save(row.learner.id, a.id, parsed.score, { label: label(row, a) });
    else setCellError(row.learner.id, a.id, null);
    return true;
  }, [save, setCellError, label, t]);

  const undo = useCallback(() => {
    const last = undoStack.current.pop();
    if (!last) {
      setStatus(t('gradebook.journal.nothingToUndo'));
      return;
    }
    const { rows: rs, activities: as } = state.current;
    const row = rs.find((r) => r.learner.id === last.userId);
    const a = as.find((x) => x.id === last.activityId);
    const lbl = row && a ? label(row, a) : '';
    void save(last.userId, last.activityId, last.prev, { undo: false, label: lbl }).then((ok) => {
      if (ok) setStatus(t('gradebook.journal.undone', { cell: lbl }));
    });
  }, [save, label, t]);

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLInputElement>) => {
      const { active: p, editing: ed, rows: rs, activities: as } = state.current;
      const lastC = as.length - 1;
      const k = e.key;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && (k === 'z' || k === 'Z' || k === 'я' || k === 'Я')) {
        if (ed) return; // the input's own undo while typing
        e.preventDefault();
        undo();
        return;
      }
      if (e.altKey && (k === 'h' || k === 'H' || e.code === 'KeyH')) {
        e.preventDefault();
        historyRef.current?.();
        return;
      }
      if (k === 'Escape') {
        if (ed) {
          e.preventDefault();
          e.stopPropagation();
          setEditing(null);
          const row = rs[p.r];
          const a = as[p.c];
          if (row && a) setCellError(row.learner.id, a.id, null);
          setAlertText('');
          setStatus(t('gradebook.journal.cancelled'));
        }
        return;
      }
      if (k === 'Enter') {
        e.preventDefault();
        if (commit()) move(p.r + (e.shiftKey ? -1 : 1), p.c);
        return;
      }
      if (k === 'Tab') {
        const forward = !e.shiftKey;
        const atEnd = forward ? p.c === lastC && p.r === rs.length - 1 : p.c === 0 && p.r === 0;
        if (!commit()) {
          e.preventDefault();
          return;
        }
        if (atEnd) return; // leave the grid
        e.preventDefault();
        if (forward) move(p.c === lastC ? p.r + 1 : p.r, p.c === lastC ? 0 : p.c + 1);
        else move(p.c === 0 ? p.r - 1 : p.r, p.c === 0 ? lastC : p.c - 1);
        return;
      }
      const arrows: Record<string, [number, number]> = {
        ArrowUp: [-1, 0],
        ArrowDown: [1, 0],
        ArrowLeft: [0, -1],
        ArrowRight: [0, 1],
      };
      const d = arrows[k];
      if (d) {
        if (ed?.mode === 'edit' && d[1] !== 0) return; // caret moves inside the value
        e.preventDefault();
        if (commit()) move(p.r + d[0], p.c + d[1]);
        return;
      }
      if (k === 'Home' && !ed && e.ctrlKey) {
        e.preventDefault();
        move(0, 0);
        return;
      }
      if (k === 'End' && !ed && e.ctrlKey) {
        e.preventDefault();
        move(rs.length - 1, lastC);
        return;
      }
      if (!editable || ed) return;
      const row = rs[p.r];
      const a = as[p.c];
      if (!row || !a) return;
      if (k === 'F2') {
        e.preventDefault();
        setEditing({ draft: showScore(row.cells[a.id]?.score), mode: 'edit' });
        return;
      }
      if (k === 'Delete' || k === 'Backspace') {
        e.preventDefault();
        if (k === 'Backspace') setEditing({ draft: '', mode: 'enter' });
        else if (row.cells[a.id]?.score != null)
          void save(row.learner.id, a.id, null, { label: label(row, a) });
        return;
      }
      if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        setEditing({ draft: k, mode: 'enter' });
      }
    },
    [commit, move, undo, editable, save, label, setCellError, t],
  );

  const onPaste = useCallback(
    (e: React.ClipboardEvent<HTMLInputElement>) => {
      if (!editable) return;
      const text = e.clipboardData.getData('text/plain');
      const lines = text.replace(/\r/g, '').split('\n');
      while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
      const { active: p, editing: ed, rows: rs, activities: as } = state.current;
      if (lines.length <= 1 && ed) return; // an ordinary paste into the value being typed
      e.preventDefault();
      setEditing(null);
      const a = as[p.c];
      if (!a) return;
      void (async () => {
        let saved = 0;
        let refused = 0;
        for (let i = 0; i < lines.length && p.r + i < rs.length; i++) {
          const row = rs[p.r + i]!;
          const value = (lines[i] ?? '').split('\t')[0] ?? '';
          const parsed = parseMark(value);
          if (!parsed.ok) {
            refused++;
            setCellError(row.learner.id, a.id, { text: t(parsed.error) });
            continue;
          }
          const cur = row.cells[a.id]?.score ?? null;
          if (cur === null ? parsed.score === null : Number(cur) === parsed.score) continue;
          if (await save(row.learner.id, a.id, parsed.score, { label: label(row, a) })) saved++;
          else refused++;
        }
        const extra = Math.max(0, p.r + lines.length - rs.length);
        setStatus(t('gradebook.journal.pasted', { saved, refused, extra }));
      })();
    },
    [editable, save, label, setCellError, t],
  );

  const onFocusCell = useCallback((r: number, c: number) => {
    const p = state.current.active;
    if (p.r !== r || p.c !== c) {
      setEditing(null);
      setActive({ r, c });
    }
  }, []);

  const onDraft = useCallback((v: string) => {
    setEditing((ed) => (ed ? { ...ed, draft: v } : { draft: v, mode: 'edit' }));
  }, []);

  const onStartEdit = useCallback(
    (r: number, c: number) => {
      if (!editable) return;
      const row = state.current.rows[r];
      const a = state.current.activities[c];
      if (!row || !a) return;
      setActive({ r, c });
      setEditing({ draft: showScore(row.cells[a.id]?.score), mode: 'edit' });
    },
    [editable],
  );

  // A reload that brings a newer version of a cell refused as stale clears the refusal.
  useEffect(() => {
    setErrors((prev) => {
      let changed = false;
      const next: Record<string, RowErrors> = {};
      for (const [userId, rowErrors] of Object.entries(prev)) {
        const row = rows.find((r) => r.learner.id === userId);
        const kept: RowErrors = {};
        for (const [activityId, e] of Object.entries(rowErrors)) {
          if (e.staleVersion !== undefined && (row?.cells[activityId]?.version ?? 0) !== e.staleVersion)
            changed = true;
          else kept[activityId] = e;
        }
        next[userId] = kept;
      }
      return changed ? next : prev;
    });
  }, [rows]);

  // Keep the active cell inside the grid when the rows change (another group, reload).
  useEffect(() => {
    if (active.r >= rows.length && rows.length > 0) setActive({ r: rows.length - 1, c: active.c });
  }, [rows.length, active]);

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    const box = scrollRef.current;
    const input = gridRef.current?.querySelector<HTMLInputElement>(`[data-cell="${active.r}:${active.c}"]`);
    if (!box || !input) return;
    input.focus();
    // Keep the cell clear of the sticky header and learner column.
    const head = gridRef.current?.tHead?.offsetHeight ?? 0;
    const cell = input.parentElement as HTMLElement;
    const row = cell.parentElement as HTMLElement;
    const first = (row.firstElementChild as HTMLElement | null)?.offsetWidth ?? 0;
    if (row.offsetTop < box.scrollTop + head) box.scrollTop = row.offsetTop - head;
    else if (row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight)
      box.scrollTop = row.offsetTop + row.offsetHeight - box.clientHeight;
    if (cell.offsetLeft < box.scrollLeft + first) box.scrollLeft = cell.offsetLeft - first;
    if (windowed) updateRange();
  }, [active, windowed, updateRange]);

  useEffect(() => {
    if (windowed) updateRange();
  }, [windowed, updateRange]);

  useEffect(() => {
    onActiveChange?.(rows[active.r] ?? null, activities[active.c] ?? null);
  }, [onActiveChange, rows, activities, active]);

  const half1 = activities.filter((a) => a.half === 1).length;
  const half2 = activities.length - half1;
  const computedCols = ['tk1', 'r1', 'tk2', 'r2', 'admissionRating', 'admitted'] as const;
  const colCount = 1 + activities.length + computedCols.length;
  const handlers = useMemo(
    () => ({ onKeyDown, onPaste, onFocusCell, onDraft, onStartEdit }),
    [onKeyDown, onPaste, onFocusCell, onDraft, onStartEdit],
  );

  const submitReason = async (reason: string) => {
    if (!ask) return;
    reasons.current[ask.activityId] = reason;
    const a = ask;
    setAsk(null);
    await save(a.userId, a.activityId, a.score, { reason, undo: a.undo, label: a.label });
  };

  // The rows in the DOM: all, or the visible window plus the active row (it holds the tab stop).
  const shown: number[] = [];
  if (!windowed) for (let r = 0; r < rows.length; r++) shown.push(r);
  else {
    const end = Math.min(rows.length, range.end);
    for (let r = range.start; r < end; r++) shown.push(r);
    if (active.r < rows.length && (active.r < range.start || active.r >= end)) {
      shown.push(active.r);
      shown.sort((a, b) => a - b);
    }
  }

  if (rows.length === 0) return <Text>{t('gradebook.journal.noLearners')}</Text>;
  return (
    <Stack gap="xs">
      <Box
        ref={scrollRef}
        onScroll={windowed ? updateRange : undefined}
        style={{ overflow: 'auto', maxHeight: '70vh', border: '1px solid var(--mantine-color-gray-4)' }}
        className="gb-scroll"
      >
        <table
          ref={gridRef}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the journal is the ARIA grid pattern built on a table
          role="grid"
          aria-label={caption}
          aria-rowcount={rows.length + HEADER_ROWS}
          aria-colcount={colCount}
          aria-readonly={!editable || undefined}
          className="gb-grid"
          style={{ width: `${16 + 12 + 6.5 * (activities.length + computedCols.length - 1)}rem` }}
        >
          <colgroup>
            <col style={{ width: '16rem' }} />
            {activities.map((a) => (
              <col key={a.id} style={{ width: '6.5rem' }} />
            ))}
            {computedCols.map((c) => (
              <col key={c} style={{ width: c === 'admitted' ? '12rem' : '6.5rem' }} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th aria-colindex={1} rowSpan={2} className="gb-sticky-col gb-learner">
                {t('gradebook.journal.learner')}
              </th>
              {half1 > 0 && (
                <th aria-colindex={2} colSpan={half1}>
                  {t('gradebook.journal.half', { half: 1 })}
                </th>
              )}
              {half2 > 0 && (
                <th aria-colindex={2 + half1} colSpan={half2}>
                  {t('gradebook.journal.half', { half: 2 })}
                </th>
              )}
              <th aria-colindex={2 + activities.length} colSpan={computedCols.length}>
                {t('gradebook.journal.ratings')}
              </th>
            </tr>
            <tr aria-rowindex={2}>
              {activities.map((a, i) => (
                <th
                  key={a.id}
                  aria-colindex={i + 2}
                  className={a.window.state === 'closed' ? 'gb-closed' : undefined}
                >
                  <div>{a.title}</div>
                  <div className="gb-sub">{asDay(a.dueDate, i18n.language)}</div>
                  <div className="gb-sub">{windowText(t, i18n.language, a.window)}</div>
                </th>
              ))}
              {computedCols.map((c, i) => (
                <th key={c} aria-colindex={activities.length + 2 + i}>
                  {t(`gradebook.computed.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => {
              const row = rows[r]!;
              const gap = r - (i === 0 ? 0 : shown[i - 1]! + 1);
              return (
                <Fragment key={row.learner.id}>
                  {gap > 0 && (
                    <tr aria-hidden className="gb-spacer" style={{ height: gap * ROW_H }}>
                      <td colSpan={colCount} />
                    </tr>
                  )}
                  <Row
                    row={row}
                    r={r}
                    activities={activities}
                    activeCol={active.r === r ? active.c : -1}
                    draft={active.r === r ? (editing?.draft ?? null) : null}
                    errors={errors[row.learner.id]}
                    saving={saving[row.learner.id]}
                    editable={editable}
                    handlers={handlers}
                  />
                </Fragment>
              );
            })}
            {shown.length > 0 && shown[shown.length - 1]! < rows.length - 1 && (
              <tr
                aria-hidden
                className="gb-spacer"
                style={{ height: (rows.length - 1 - shown[shown.length - 1]!) * ROW_H }}
              >
                <td colSpan={colCount} />
              </tr>
            )}
          </tbody>
        </table>
      </Box>
      <Group gap="xs">
        {editable && (
          <Button size="xs" variant="default" onClick={undo}>
            {t('gradebook.journal.undo')}
          </Button>
        )}
        <Text size="sm" role="status" aria-live="polite" aria-atomic>
          {status}
        </Text>
      </Group>
      <Text size="sm" c="red.9" role="alert" aria-atomic>
        {alertText}
      </Text>
      <ReasonModal ask={ask} onCancel={() => setAsk(null)} onSubmit={(r) => void submitReason(r)} />
    </Stack>
  );
}

type Handlers = {
  onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => void;
  onPaste: (e: React.ClipboardEvent<HTMLInputElement>) => void;
  onFocusCell: (r: number, c: number) => void;
  onDraft: (v: string) => void;
  onStartEdit: (r: number, c: number) => void;
};

const Row = memo(function Row({
  row,
  r,
  activities,
  activeCol,
  draft,
  errors,
  saving,
  editable,
  handlers,
}: {
  row: JournalRow;
  r: number;
  activities: Activity[];
  activeCol: number;
  draft: string | null;
  errors: RowErrors | undefined;
  saving: Record<string, true> | undefined;
  editable: boolean;
  handlers: Handlers;
}) {
  const { t } = useTranslation();
  const name = learnerName(row.learner);
  const c = row.computed;
  const n = activities.length;
  return (
    <tr aria-rowindex={r + HEADER_ROWS + 1}>
      <th scope="row" aria-colindex={1} className="gb-sticky-col gb-learner">
        {name}
      </th>
      {activities.map((a, i) => {
        const isActive = i === activeCol;
        const err = errors?.[a.id];
        const busy = saving?.[a.id];
        const value = isActive && draft !== null ? draft : showScore(row.cells[a.id]?.score);
        const errId = err ? `gb-err-${row.learner.id}-${a.id}` : undefined;
        return (
          <td
            key={a.id}
            title={err?.text}
            aria-colindex={i + 2}
            aria-busy={busy || undefined}
            className={`gb-cell${err ? ' gb-invalid' : ''}${a.window.state === 'closed' ? ' gb-closed' : ''}`}
          >
            <input
              data-cell={`${r}:${i}`}
              tabIndex={isActive ? 0 : -1}
              aria-label={`${name} — ${a.title}`}
              aria-invalid={err ? true : undefined}
              aria-describedby={errId}
              inputMode="decimal"
              autoComplete="off"
              readOnly={!editable || !(isActive && draft !== null)}
              value={value}
              onChange={(e) => handlers.onDraft(e.currentTarget.value)}
              onKeyDown={handlers.onKeyDown}
              onPaste={handlers.onPaste}
              onFocus={() => handlers.onFocusCell(r, i)}
              onDoubleClick={() => handlers.onStartEdit(r, i)}
            />
            {err && (
              <span id={errId} className="gb-err">
                {err.text}
              </span>
            )}
            {err && isActive && (
              <span className="gb-err-pop" aria-hidden>
                {err.text}
              </span>
            )}
          </td>
        );
      })}
      <td aria-colindex={n + 2}>{showScore(c.tk1)}</td>
      <td aria-colindex={n + 3}>{c.r1}</td>
      <td aria-colindex={n + 4}>{showScore(c.tk2)}</td>
      <td aria-colindex={n + 5}>{c.r2}</td>
      <td aria-colindex={n + 6}>
        <strong>{c.admissionRating}</strong>
      </td>
      <td aria-colindex={n + 7} className={c.admitted ? 'gb-ok' : 'gb-bad'}>
        {c.admitted
          ? c.individual
            ? t('gradebook.admission.individual')
            : t('gradebook.admission.admitted')
          : t('gradebook.admission.notAdmitted')}
      </td>
    </tr>
  );
});

function ReasonModal({
  ask,
  onCancel,
  onSubmit,
}: {
  ask: ReasonAsk | null;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const restore = useReturnFocus(ask !== null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (ask) {
      setReason('');
      setError('');
    }
  }, [ask]);
  return (
    <AppModal
      opened={ask !== null}
      onClose={() => {
        restore();
        onCancel();
      }}
      returnFocus={false}
      title={t('gradebook.journal.reasonTitle')}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 3) {
            setError(t('gradebook.validation.reason'));
            return;
          }
          restore();
          onSubmit(reason.trim());
        }}
      >
        <Stack>
          <Text size="sm">{t('gradebook.journal.reasonHelp', { cell: ask?.label ?? '' })}</Text>
          <Textarea
            label={t('gradebook.fields.reason')}
            required
            data-autofocus
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error || undefined}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                restore();
                onCancel();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
