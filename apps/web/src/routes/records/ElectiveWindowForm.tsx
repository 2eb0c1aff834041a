import { Button, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, put } from '../../api/client.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { type StudyPlan, today } from './shared.tsx';

/**
 * The dean's office sets when the year's elective registration is open and how many
 * disciplines each block asks for; it applies to every learner of the curriculum.
 */
export function ElectiveWindowForm({ plan }: { plan: StudyPlan }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [opensOn, setOpensOn] = useState(plan.window?.opensOn ?? today());
  const [closesOn, setClosesOn] = useState(plan.window?.closesOn ?? '');
  const [choose, setChoose] = useState<Record<string, number | string>>(
    Object.fromEntries(plan.blocks.map((b) => [b.block, b.choose])),
  );
  const save = useMutation({
    mutationFn: () =>
      put(`/api/v1/curricula/${plan.curriculumId}/elective-windows/${plan.yearOfStudy}`, {
        opensOn,
        closesOn,
        rules: plan.blocks
          .filter((b) => b.block)
          .map((b) => ({ block: b.block, choose: Number(choose[b.block] ?? b.choose) })),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['records', 'plan'] }),
  });
  const errs = fieldErrors(save.error);
  return (
    <Stack gap="xs" maw={700}>
      <Title order={2} size="h4">
        {t('records.window.title')}
      </Title>
      <Text size="sm">{t('records.window.help')}</Text>
      <FormAlert error={save.error} />
      <Group align="flex-start">
        <TextInput
          label={t('records.window.opensOn')}
          type="date"
          required
          value={opensOn}
          onChange={(e) => setOpensOn(e.currentTarget.value)}
          error={errs.opensOn}
        />
        <TextInput
          label={t('records.window.closesOn')}
          type="date"
          required
          value={closesOn}
          onChange={(e) => setClosesOn(e.currentTarget.value)}
          error={errs.closesOn}
        />
        {plan.blocks
          .filter((b) => b.block)
          .map((b, i) => (
            <NumberInput
              key={b.block}
              label={t('records.window.choose', { block: b.block })}
              min={1}
              max={b.options.length}
              w={160}
              value={choose[b.block] ?? b.choose}
              onChange={(v) => setChoose({ ...choose, [b.block]: v })}
              error={errs[`rules.${i}.choose`] ?? errs[`rules.${i}.block`]}
            />
          ))}
      </Group>
      <Group>
        <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
          {t('records.window.save')}
        </Button>
        {save.isSuccess && (
          <Text size="sm" role="status">
            {t('records.window.saved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
