import { Badge, Button, Card, Group, NumberInput, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { formatInstant } from '../../../components/format.ts';
import { asmKeys } from '../types.ts';

/** The teacher's score and comment for one essay answer. */
export function EssayGradeForm({
  attemptId,
  slot,
  points,
  score,
  comment,
}: {
  attemptId: string;
  slot: number;
  points: string;
  score: string | null;
  comment: string | null;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [value, setValue] = useState<number | ''>(score === null ? '' : Number(score));
  const [text, setText] = useState(comment ?? '');
  const save = useMutation({
    mutationFn: () =>
      put(`/api/v1/attempts/${attemptId}/answers/${slot}/grade`, {
        score: Number(value),
        ...(text.trim() ? { comment: text.trim() } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['assessment'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs" mt="sm">
        <FormAlert error={save.error} />
        {save.isSuccess && (
          <Text size="sm" role="status">
            {t('assessment.teach.graded')}
          </Text>
        )}
        <Group align="flex-end">
          <NumberInput
            label={t('assessment.teach.essayScore', { points })}
            required
            min={0}
            max={Number(points)}
            decimalScale={2}
            value={value}
            onChange={(v) => setValue(v === '' ? '' : Number(v))}
          />
          <Textarea
            style={{ flex: 1 }}
            label={t('assessment.teach.essayComment')}
            autosize
            minRows={1}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button type="submit" disabled={value === ''} loading={save.isPending}>
            {t('assessment.teach.saveGrade')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Log = {
  items: { kind: string; slot: number | null; seq: number | null; at: string; ip: string | null }[];
  chainIntact: boolean;
};

/** The attempt's log (start, resumes with address, saves, leaving the page, submit) and its chain check. */
export function AttemptLog({ attemptId }: { attemptId: string }) {
  const { t, i18n } = useTranslation();
  const { data } = useQuery({
    queryKey: [...asmKeys.attempt(attemptId), 'log'],
    queryFn: () => get<Log>(`/api/v1/attempts/${attemptId}/events`),
  });
  if (!data) return null;
  return (
    <Card withBorder component="section" aria-labelledby="asm-log">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="asm-log">
          {t('assessment.teach.log')}
        </Title>
        <Badge variant="outline" color={data.chainIntact ? 'teal.9' : 'red.9'}>
          {data.chainIntact ? t('assessment.teach.chainIntact') : t('assessment.teach.chainBroken')}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assessment.teach.logAt')}</Table.Th>
              <Table.Th>{t('assessment.teach.logEvent')}</Table.Th>
              <Table.Th>{t('assessment.teach.logAddress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id on the wire
              <Table.Tr key={i}>
                <Table.Td>{formatInstant(e.at, i18n.language)}</Table.Td>
                <Table.Td>
                  {t(`assessment.teach.event.${e.kind}`, { defaultValue: e.kind })}
                  {e.slot !== null ? ` — ${t('assessment.take.questionN', { n: e.slot + 1 })}` : ''}
                </Table.Td>
                <Table.Td>{e.ip ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
