import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStatementScore, statementRowResult } from '#core/grading/statement.ts';
import { get, post, put } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatDay, formatInstant } from '../../components/format.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { CorrectionActions } from './CorrectionActions.tsx';
import {
  finalControlLabel,
  kindLabel,
  type Statement,
  type StatementRow,
  showScore,
  statusLabel,
  stKeys,
} from './shared.ts';

/**
 * One statement: its header, a row per learner and, for its examiners, the score entry
 * with the final score and letter computed live by the same rules the server applies.
 */
export function StatementPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data, error } = useQuery({
    queryKey: stKeys.one(id),
    queryFn: () => get<Statement>(`/api/v1/statements/${id}`),
  });
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [fromTest, setFromTest] = useState<Record<string, boolean>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language;
  const dirty = Object.keys(draft).length > 0;
  const invalid = useMemo(
    () =>
      Object.entries(draft).filter(
        ([, v]) => v.trim() !== '' && !isStatementScore(Number(v.replace(',', '.'))),
      ),
    [draft],
  );
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const s = data;
  const exam = s.header.finalControl === 'exam';
  const title = `${kindLabel(t, s.kind, s.ordinal)} № ${s.number}`;
  const refresh = (next: Statement) => {
    qc.setQueryData(stKeys.one(id), next);
    void qc.invalidateQueries({ queryKey: stKeys.mine });
  };

  const shownScore = (r: StatementRow) => draft[r.learner.id] ?? showScore(r.examScore);
  const live = (r: StatementRow) => {
    const v = shownScore(r).replace(',', '.');
    const ok = v.trim() === '' || isStatementScore(Number(v));
    return ok
      ? statementRowResult(s.grading, s.header.finalControl, {
          admitted: r.admitted,
          admissionRating: r.admissionRating,
          score: v.trim() === '' ? null : v,
        })
      : null;
  };

  const save = async () => {
    if (invalid.length) return;
    setBusy(true);
    setSaveError(null);
    setSaved(false);
    try {
      const next = await put<Statement>(`/api/v1/statements/${id}/scores`, {
        scores: Object.entries(draft).map(([learnerId, v]) => ({
          learnerId,
          score: v.trim() === '' ? null : Number(v.replace(',', '.')),
          source: fromTest[learnerId] ? 'test' : 'manual',
        })),
      });
      setDraft({});
      setFromTest({});
      setSaved(true);
      refresh(next);
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  };

  const info: Array<[string, string]> = [
    [
      t('statements.field.discipline'),
      `${s.header.discipline.code} ${localizedName(lang, s.header.discipline.name)} (${t('statements.field.creditsN', { n: s.header.discipline.credits })})`,
    ],
    [
      t('statements.field.programme'),
      `${s.header.programme.code} ${localizedName(lang, s.header.programme.name)}`,
    ],
    [
      t('statements.field.group'),
      `${s.header.group.name} · ${t('statements.field.yearN', { n: s.header.yearOfStudy })}`,
    ],
    [
      t('statements.field.period'),
      t('statements.field.periodValue', {
        from: s.header.period.startYear,
        to: s.header.period.startYear + 1,
        n: s.header.period.number,
      }),
    ],
    [t('statements.field.form'), finalControlLabel(t, s.header.finalControl)],
    [
      t('statements.field.examiners'),
      s.header.examiners.map((e) => e.fullName).join(', ') || t('statements.field.teachers'),
    ],
    [t('statements.field.examDate'), s.header.examDate ? formatDay(s.header.examDate, lang) : '—'],
    ...(s.window
      ? [
          [
            t('statements.field.window'),
            `${formatDay(`${s.window.opensOn}T12:00:00+05:00`, lang)} — ${formatDay(`${s.window.closesOn}T12:00:00+05:00`, lang)}`,
          ] as [string, string],
        ]
      : []),
    ...(s.reason ? [[t('statements.field.reason'), s.reason] as [string, string]] : []),
    ...(s.approvedAt
      ? [
          [
            t('statements.field.approved'),
            `${s.approvedBy?.fullName ?? ''}, ${formatInstant(s.approvedAt, lang)}`,
          ] as [string, string],
        ]
      : []),
  ];

  return (
    <Stack>
      <PageHeader title={title}>
        <AnchorLink to="/statements">{t('statements.list.title')}</AnchorLink>
      </PageHeader>
      <Group gap="xs">
        <Badge variant="light" color={s.status === 'approved' ? 'green.9' : 'blue.9'}>
          {statusLabel(t, s.status)}
        </Badge>
        <Text size="sm">{t('statements.field.verification', { code: s.verificationCode })}</Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl">
        {info.map(([k, v]) => (
          <div key={k}>
            <Text component="dt" size="sm" fw={600}>
              {k}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {v}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <Anchor href={`/api/v1/statements/${id}/pdf?lang=kk`} download>
          {t('statements.download.pdfKk')}
        </Anchor>
        <Anchor href={`/api/v1/statements/${id}/pdf?lang=ru`} download>
          {t('statements.download.pdfRu')}
        </Anchor>
        <Anchor href={`/api/v1/statements/${id}/xlsx?lang=${lang}`} download>
          {t('statements.download.xlsx')}
        </Anchor>
      </Group>
      {s.can.enterRefusal === 'independentExaminers' && s.status === 'open' && (
        <Alert color="yellow.9" variant="outline">
          {t('statements.independent')}
        </Alert>
      )}
      {s.status === 'approved' && <Text size="sm">{t('statements.lockedNote')}</Text>}
      <FormAlert error={saveError} />
      <Table captionSide="top" striped>
        <Table.Caption>{t('statements.table.caption', { count: s.rows.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">№</Table.Th>
            <Table.Th scope="col">{t('statements.table.learner')}</Table.Th>
            <Table.Th scope="col">{t('statements.table.recordBook')}</Table.Th>
            {exam && (
              <>
                <Table.Th scope="col">R1</Table.Th>
                <Table.Th scope="col">R2</Table.Th>
                <Table.Th scope="col">{t('statements.table.admissionRating')}</Table.Th>
              </>
            )}
            <Table.Th scope="col">
              {t(exam ? 'statements.table.examScore' : 'statements.table.score')}
            </Table.Th>
            <Table.Th scope="col">{t('statements.table.finalScore')}</Table.Th>
            <Table.Th scope="col">{t('statements.table.letter')}</Table.Th>
            <Table.Th scope="col">{t('statements.table.points')}</Table.Th>
            <Table.Th scope="col">{t('statements.table.traditional')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.rows.map((r) => {
            const res = s.can.enter ? live(r) : null;
            const band = res?.band ?? null;
            const final = s.can.enter ? (res?.finalScore ?? null) : r.finalScore;
            const letter = s.can.enter ? (band?.letter ?? null) : r.letter;
            const points = s.can.enter ? (band ? band.points : null) : r.points;
            const traditional = s.can.enter ? band?.traditional : r.traditional;
            const bad = invalid.some(([k]) => k === r.learner.id);
            return (
              <Table.Tr key={r.learner.id}>
                <Table.Td>{r.position}</Table.Td>
                <Table.Th scope="row" fw={500}>
                  {r.learner.fullName}
                </Table.Th>
                <Table.Td>{r.learner.recordBookNo ?? ''}</Table.Td>
                {exam && (
                  <>
                    <Table.Td>{r.r1}</Table.Td>
                    <Table.Td>{r.r2}</Table.Td>
                    <Table.Td>{r.admissionRating}</Table.Td>
                  </>
                )}
                <Table.Td>
                  {!r.admitted ? (
                    <Text size="sm">{t('statements.notAdmitted')}</Text>
                  ) : s.can.enter ? (
                    <Stack gap={2}>
                      <TextInput
                        size="xs"
                        w={90}
                        inputMode="decimal"
                        aria-label={t('statements.table.scoreFor', { name: r.learner.fullName })}
                        value={shownScore(r)}
                        error={bad ? t('statements.table.scoreInvalid') : undefined}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setSaved(false);
                          setDraft((d) => ({ ...d, [r.learner.id]: v }));
                          setFromTest((f) => ({ ...f, [r.learner.id]: false }));
                        }}
                      />
                      {r.testScore !== null && r.testScore !== r.examScore && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-label={t('statements.table.useTestFor', {
                            name: r.learner.fullName,
                            score: showScore(r.testScore),
                          })}
                          onClick={() => {
                            setDraft((d) => ({ ...d, [r.learner.id]: showScore(r.testScore) }));
                            setFromTest((f) => ({ ...f, [r.learner.id]: true }));
                          }}
                        >
                          {t('statements.table.useTest', { score: showScore(r.testScore) })}
                        </Button>
                      )}
                    </Stack>
                  ) : (
                    showScore(r.examScore)
                  )}
                </Table.Td>
                <Table.Td>{r.admitted ? (final ?? '') : 0}</Table.Td>
                <Table.Td fw={600}>{letter ?? (r.admitted ? '' : 'F')}</Table.Td>
                <Table.Td>{points ?? ''}</Table.Td>
                <Table.Td>
                  {r.admitted
                    ? (traditional?.[lang as 'kk'] ?? '')
                    : r.reasons.map((x) => t(`statements.reason.${x}`)).join('; ')}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        {t('statements.counts')}: {s.counts.map((c) => `${c.letter} — ${c.count}`).join(', ')}
      </Text>
      <Group justify="flex-end">
        {s.can.enter && (
          <Button onClick={() => void save()} loading={busy} disabled={!dirty || invalid.length > 0}>
            {t('statements.actions.save')}
          </Button>
        )}
        {saved && (
          <Text size="sm" role="status">
            {t('statements.actions.saved')}
          </Text>
        )}
        {s.can.submit && (
          <ConfirmButton
            variant="filled"
            disabled={dirty}
            title={t('statements.actions.submitTitle')}
            message={t('statements.actions.submitMessage')}
            confirmLabel={t('statements.actions.submit')}
            onConfirm={async () => refresh(await post<Statement>(`/api/v1/statements/${id}/submit`))}
          >
            {t('statements.actions.submit')}
          </ConfirmButton>
        )}
        {s.can.approve && (
          <ConfirmButton
            variant="filled"
            // White on green.9 is 4.36:1; teal.9 reaches 5:1 (WCAG AA).
            color="teal.9"
            title={t('statements.actions.approveTitle')}
            message={t('statements.actions.approveMessage')}
            confirmLabel={t('statements.actions.approve')}
            onConfirm={async () => refresh(await post<Statement>(`/api/v1/statements/${id}/approve`))}
          >
            {t('statements.actions.approve')}
          </ConfirmButton>
        )}
        {s.can.correct && <CorrectionActions statement={s} />}
      </Group>
      {s.related.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('statements.related')}
          </Text>
          {s.related.map((r) => (
            <AnchorLink key={r.id} to="/statements/$statementId" params={{ statementId: r.id }}>
              {r.number} — {statusLabel(t, r.status)}
            </AnchorLink>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
