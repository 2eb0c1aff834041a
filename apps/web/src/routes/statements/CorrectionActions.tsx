import { Button, Checkbox, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { type Statement, stKeys } from './shared.ts';

/**
 * An approved statement is never edited: the registrar makes a numbered supplementary
 * statement with a reason, or (for FX results) a retake statement held in a window.
 */
export function CorrectionActions({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'supplementary' | 'retake' | null>(null);
  return (
    <>
      <Button variant="default" onClick={() => setOpen('supplementary')}>
        {t('statements.correct.supplementary')}
      </Button>
      {statement.kind === 'main' && (
        <Button variant="default" onClick={() => setOpen('retake')}>
          {t('statements.correct.retake')}
        </Button>
      )}
      <CorrectionModal statement={statement} mode={open} onClose={() => setOpen(null)} />
    </>
  );
}

function CorrectionModal({
  statement,
  mode,
  onClose,
}: {
  statement: Statement;
  mode: 'supplementary' | 'retake' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [learners, setLearners] = useState<string[]>([]);
  const [opensOn, setOpensOn] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const close = () => {
    setError(null);
    setMissing({});
    key.current = null;
    onClose();
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (mode === 'supplementary') {
      if (reason.trim().length < 5) m.reason = t('statements.correct.reasonRequired');
      if (learners.length === 0) m.learners = t('statements.correct.learnersRequired');
    } else {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(opensOn)) m.opensOn = t('statements.correct.dateRequired');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(closesOn)) m.closesOn = t('statements.correct.dateRequired');
    }
    setMissing(m);
    if (Object.keys(m).length) return;
    key.current ??= crypto.randomUUID();
    setBusy(true);
    setError(null);
    try {
      const next =
        mode === 'supplementary'
          ? await post<Statement>(
              `/api/v1/statements/${statement.id}/supplementary`,
              { reason: reason.trim(), learnerIds: learners },
              { 'idempotency-key': key.current },
            )
          : await post<Statement>(
              `/api/v1/statements/${statement.id}/retakes`,
              { opensOn, closesOn },
              { 'idempotency-key': key.current },
            );
      await qc.invalidateQueries({ queryKey: stKeys.one(statement.id) });
      await qc.invalidateQueries({ queryKey: stKeys.mine });
      close();
      await navigate({ to: '/statements/$statementId', params: { statementId: next.id } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fe = fieldErrors(error);
  return (
    <AppModal
      opened={mode !== null}
      onClose={close}
      title={t(
        mode === 'retake' ? 'statements.correct.retakeTitle' : 'statements.correct.supplementaryTitle',
      )}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <FormAlert error={error} />
          {mode === 'supplementary' ? (
            <>
              <Textarea
                label={t('statements.correct.reason')}
                required
                data-autofocus
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={missing.reason || fe.reason}
              />
              <Checkbox.Group
                label={t('statements.correct.learners')}
                required
                value={learners}
                onChange={setLearners}
                error={missing.learners || fe.learnerIds}
              >
                <Stack gap={4} mt={4}>
                  {statement.rows.map((r) => (
                    <Checkbox key={r.learner.id} value={r.learner.id} label={r.learner.fullName} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </>
          ) : (
            <Group grow>
              <TextInput
                type="date"
                label={t('statements.correct.opensOn')}
                required
                data-autofocus
                value={opensOn}
                onChange={(e) => setOpensOn(e.currentTarget.value)}
                error={missing.opensOn || fe.opensOn}
              />
              <TextInput
                type="date"
                label={t('statements.correct.closesOn')}
                required
                value={closesOn}
                onChange={(e) => setClosesOn(e.currentTarget.value)}
                error={missing.closesOn || fe.closesOn}
              />
            </Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('statements.correct.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
