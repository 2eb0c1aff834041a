import {
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, fieldErrors, get, put } from '../../../api/client.ts';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { formatInstant } from '../../../components/format.ts';
import { QueryError } from '../../../components/QueryError.tsx';
import { fromLocalInput, type OverrideList, teachKeys } from './api.ts';

/** A learner's or a group's own window, time limit or attempts (extra time for special needs). */
export function OverridesPanel({ testId }: { testId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data, error } = useQuery({
    queryKey: teachKeys.overrides(testId),
    queryFn: () => get<OverrideList>(`/api/v1/tests/${testId}/overrides`),
  });
  const [target, setTarget] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [minutes, setMinutes] = useState<number | ''>('');
  const [attempts, setAttempts] = useState<number | ''>('');
  const refresh = () => void qc.invalidateQueries({ queryKey: teachKeys.overrides(testId) });
  const save = useMutation({
    mutationFn: () => {
      const [kind, id] = target.split(':');
      return put(`/api/v1/tests/${testId}/overrides`, {
        ...(kind === 'user' ? { userId: id } : { groupId: id }),
        opensAt: fromLocalInput(opensAt),
        closesAt: fromLocalInput(closesAt),
        timeLimitSec: minutes === '' ? null : Math.round(Number(minutes) * 60),
        attemptsAllowed: attempts === '' ? null : Number(attempts),
      });
    },
    onSuccess: () => {
      setTarget('');
      setOpensAt('');
      setClosesAt('');
      setMinutes('');
      setAttempts('');
      refresh();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (error) return <QueryError error={error} inline />;
  return (
    <Stack>
      <Text size="sm">{t('assessment.teach.overridesIntro')}</Text>
      {data && data.items.length === 0 && <Text size="sm">{t('assessment.teach.noOverrides')}</Text>}
      {data && data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('assessment.teach.overrideFor')}</Table.Th>
                <Table.Th>{t('assessment.teach.opensAt')}</Table.Th>
                <Table.Th>{t('assessment.teach.closesAt')}</Table.Th>
                <Table.Th>{t('assessment.teach.timeLimit')}</Table.Th>
                <Table.Th>{t('assessment.teach.attempts')}</Table.Th>
                <Table.Th>{t('assessment.teach.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    {o.groupId ? t('assessment.teach.groupNamed', { name: o.name }) : o.name}
                  </Table.Td>
                  <Table.Td>{formatInstant(o.opensAt, i18n.language) || '—'}</Table.Td>
                  <Table.Td>{formatInstant(o.closesAt, i18n.language) || '—'}</Table.Td>
                  <Table.Td>
                    {o.timeLimitSec === null
                      ? '—'
                      : t('assessment.myTests.minutes', { count: Math.round(o.timeLimitSec / 60) })}
                  </Table.Td>
                  <Table.Td>{o.attemptsAllowed ?? '—'}</Table.Td>
                  <Table.Td>
                    <ConfirmButton
                      size="compact-sm"
                      variant="default"
                      danger
                      aria-label={`${t('assessment.teach.remove')}: ${o.name}`}
                      title={t('assessment.teach.removeOverride')}
                      message={t('assessment.teach.removeOverrideText', { name: o.name })}
                      confirmLabel={t('assessment.teach.remove')}
                      onConfirm={async () => {
                        await del(`/api/v1/tests/${testId}/overrides/${o.id}`);
                        refresh();
                      }}
                    >
                      {t('assessment.teach.remove')}
                    </ConfirmButton>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Card withBorder component="form" onSubmit={submit} aria-labelledby="asm-new-override">
        <Text fw={600} id="asm-new-override" mb="xs">
          {t('assessment.teach.newOverride')}
        </Text>
        <FormAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('assessment.teach.overrideFor')}
            required
            value={target}
            error={errors.userId ?? errors.groupId}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data={[
              { value: '', label: t('assessment.teach.chooseTarget') },
              {
                group: t('assessment.teach.learners'),
                items: (data?.learners ?? []).map((l) => ({ value: `user:${l.id}`, label: l.name })),
              },
              {
                group: t('assessment.teach.groups'),
                items: (data?.groups ?? []).map((g) => ({ value: `group:${g.id}`, label: g.name })),
              },
            ]}
          />
          <NumberInput
            label={t('assessment.teach.timeLimit')}
            min={1}
            value={minutes}
            error={errors.timeLimitSec}
            onChange={(v) => setMinutes(v === '' ? '' : Number(v))}
          />
          <TextInput
            type="datetime-local"
            label={t('assessment.teach.opensAt')}
            value={opensAt}
            onChange={(e) => setOpensAt(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('assessment.teach.closesAt')}
            value={closesAt}
            onChange={(e) => setClosesAt(e.currentTarget.value)}
          />
          <NumberInput
            label={t('assessment.teach.attempts')}
            min={1}
            max={100}
            value={attempts}
            error={errors.attemptsAllowed}
            onChange={(v) => setAttempts(v === '' ? '' : Number(v))}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" disabled={!target} loading={save.isPending}>
            {t('assessment.teach.saveOverride')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}
