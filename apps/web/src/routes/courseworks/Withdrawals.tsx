import { Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, post } from '../../api/client.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { type CourseWorkDto, cwKeys, useLocalized } from './shared.tsx';

type Choice = CourseWorkDto['choices'][number];

/**
 * The learner leaves their topic: at once while the supervisor has not accepted it, else by
 * a request with the reason, which the supervisor or the department head decides.
 */
export function WithdrawButton({ data, choice }: { data: CourseWorkDto; choice: Choice }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mode = data.withdrawal;
  if (!mode) return null;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/course-work-choices/${choice.id}/withdrawal`, { reason });
      await qc.invalidateQueries({ queryKey: cwKeys.one(data.offeringId) });
      setOpen(false);
      setReason('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const label = mode === 'immediate' ? t('courseworks.withdraw.now') : t('courseworks.withdraw.ask');
  return (
    <>
      <Group>
        <Button size="xs" variant="outline" color="red.9" onClick={() => setOpen(true)}>
          {label}
        </Button>
      </Group>
      {open && (
        <AppModal opened onClose={() => setOpen(false)} title={label}>
          <Stack
            component="form"
            gap="sm"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Text size="sm">
              {mode === 'immediate' ? t('courseworks.withdraw.nowHelp') : t('courseworks.withdraw.askHelp')}
            </Text>
            <FormAlert error={error} />
            <Textarea
              required
              label={t('courseworks.withdraw.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldErrors(error).reason}
              autosize
              minRows={3}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red.9" loading={busy}>
                {label}
              </Button>
            </Group>
          </Stack>
        </AppModal>
      )}
    </>
  );
}

/** The learner's latest withdrawal (request) and what became of it. */
export function WithdrawalNote({ choice }: { choice: Choice }) {
  const { t } = useTranslation();
  const w = choice.withdrawal;
  if (!w) return null;
  return (
    <Text size="sm">
      {t(`courseworks.withdraw.status.${w.status}`, { reason: w.reason })}
      {w.comment ? ` ${t('courseworks.learner.comment', { comment: w.comment })}` : ''}
    </Text>
  );
}

/** Withdrawal requests the caller decides: their topics' (supervisor) or all (department head). */
export function WithdrawalRequests({ data }: { data: CourseWorkDto }) {
  const { t } = useTranslation();
  const name = useLocalized();
  const [deciding, setDeciding] = useState<{ choice: Choice; approve: boolean } | null>(null);
  const asked = data.choices.filter((c) => c.status === 'accepted' && c.withdrawal?.status === 'pending');
  if (asked.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="cw-withdrawals">
      <Title order={2} size="h4" id="cw-withdrawals" mb="sm">
        {t('courseworks.withdraw.requests')}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('courseworks.decide.learner')}</Table.Th>
            <Table.Th scope="col">{t('courseworks.topics.topic')}</Table.Th>
            <Table.Th scope="col">{t('courseworks.withdraw.reason')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {asked.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" fw={500}>
                {c.learner.name}
              </Table.Th>
              <Table.Td>{name(c.title)}</Table.Td>
              <Table.Td>{c.withdrawal?.reason}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    aria-label={t('courseworks.withdraw.approveNamed', { name: c.learner.name })}
                    onClick={() => setDeciding({ choice: c, approve: true })}
                  >
                    {t('courseworks.withdraw.approve')}
                  </Button>
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    aria-label={t('courseworks.withdraw.declineNamed', { name: c.learner.name })}
                    onClick={() => setDeciding({ choice: c, approve: false })}
                  >
                    {t('courseworks.withdraw.decline')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {deciding && (
        <DecideWithdrawal offeringId={data.offeringId} {...deciding} onClose={() => setDeciding(null)} />
      )}
    </Card>
  );
}

function DecideWithdrawal({
  offeringId,
  choice,
  approve,
  onClose,
}: {
  offeringId: string;
  choice: Choice;
  approve: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const name = useLocalized();
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/course-work-withdrawals/${choice.withdrawal!.id}/decision`, { approve, comment });
      await qc.invalidateQueries({ queryKey: cwKeys.one(offeringId) });
      await qc.invalidateQueries({ queryKey: cwKeys.progress(offeringId) });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const title = approve ? t('courseworks.withdraw.approveTitle') : t('courseworks.withdraw.declineTitle');
  return (
    <AppModal opened onClose={onClose} title={title}>
      <Stack
        component="form"
        gap="sm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Text>
          {choice.learner.name}: {name(choice.title)}
        </Text>
        <Text size="sm">{t('courseworks.withdraw.reasonGiven', { reason: choice.withdrawal?.reason })}</Text>
        <FormAlert error={error} />
        <Textarea
          label={t('courseworks.decide.comment')}
          required={!approve}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fieldErrors(error).comment}
          autosize
          minRows={3}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} color={approve ? undefined : 'red.9'}>
            {approve ? t('courseworks.withdraw.approve') : t('courseworks.withdraw.decline')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
