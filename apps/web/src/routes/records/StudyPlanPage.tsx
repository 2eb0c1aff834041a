import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, get, post, put } from '../../api/client.ts';
import { useMe, usePermissions } from '../../api/session.ts';
import { FormAlert } from '../../components/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDate } from '../academics/shared.tsx';
import { ElectiveWindowForm } from './ElectiveWindowForm.tsx';
import {
  cardQuery,
  disciplineName,
  fullName,
  type PlanDiscipline,
  PlanStatusBadge,
  recKeys,
  type StudyPlan,
} from './shared.tsx';

/** The learner's own individual study plan: they choose electives within the window. */
export function MyStudyPlanPage() {
  const me = useMe();
  return me ? <Plan learnerId={me.id} own /> : null;
}

/** A learner's plan as their advisor or the dean's office sees it. */
export function StudyPlanPage({ learnerId }: { learnerId: string }) {
  return <Plan learnerId={learnerId} own={false} />;
}

function Plan({ learnerId, own }: { learnerId: string; own: boolean }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  const qc = useQueryClient();
  const [year, setYear] = useState<number | undefined>(undefined);
  const card = useQuery({ ...cardQuery(learnerId), enabled: !own });
  const { data: plan, error } = useQuery({
    queryKey: recKeys.plan(learnerId, year),
    queryFn: () => get<StudyPlan>(`/api/v1/learners/${learnerId}/study-plan`, { yearOfStudy: year }),
  });
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [comment, setComment] = useState('');
  const picked =
    chosen ??
    new Set(plan?.blocks.flatMap((b) => b.options.filter((o) => o.chosen).map((o) => o.entryId)) ?? []);
  const refresh = async (p: StudyPlan) => {
    qc.setQueryData(recKeys.plan(learnerId, year), p);
    setChosen(null);
    await qc.invalidateQueries({ queryKey: recKeys.plans });
  };
  const submit = useMutation({
    mutationFn: () =>
      put<StudyPlan>(
        `/api/v1/learners/${learnerId}/study-plan/electives`,
        { yearOfStudy: plan?.yearOfStudy, entryIds: [...picked] },
        { 'If-Match': `"${plan?.version ?? 0}"` },
      ),
    onSuccess: refresh,
  });
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'return') =>
      post<StudyPlan>(
        `/api/v1/study-plans/${plan?.id}/decision`,
        { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        { 'If-Match': `"${plan?.version ?? 0}"` },
      ),
    onSuccess: async (p) => {
      setComment('');
      await refresh(p);
    },
  });
  if (error) return <QueryError error={error} />;
  const title = own
    ? t('records.plan.myTitle')
    : card.data
      ? t('records.plan.titleOf', { name: fullName(card.data.learner) })
      : t('records.plan.title');
  const day = (d: string) => formatDate(d, i18n.language);
  const mayChoose =
    !!plan && plan.status !== 'approved' && !!plan.window?.open && (own || perms.has('records.orders'));
  const mayDecide = !own && !!plan?.id && plan.status === 'submitted' && perms.has('studyPlans.approve');
  const decideErrs = fieldErrors(decide.error);
  return (
    <Stack maw={1000}>
      <PageHeader title={title} />
      {plan && (
        <>
          <Group align="flex-end">
            <Select
              label={t('records.plan.year')}
              allowDeselect={false}
              data={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t('records.card.year', { n }) }))}
              value={String(plan.yearOfStudy)}
              onChange={(v) => {
                setYear(Number(v));
                setChosen(null);
              }}
              w={200}
            />
            <Group gap="xs">
              <Text size="sm" fw={700}>
                {t('records.fields.status')}:
              </Text>
              <PlanStatusBadge status={plan.status} />
            </Group>
            <Text size="sm">{t('records.plan.credits', { count: plan.credits })}</Text>
          </Group>
          <Text size="sm">
            {plan.window
              ? t(plan.window.open ? 'records.plan.windowOpen' : 'records.plan.windowClosed', {
                  from: day(plan.window.opensOn),
                  to: day(plan.window.closesOn),
                })
              : t('records.plan.noWindow')}
          </Text>
          {plan.status === 'returned' && plan.comment && (
            <Alert color="red.9" variant="outline" title={t('records.plan.returned')} role="status">
              {plan.comment}
            </Alert>
          )}
          {plan.status === 'approved' && plan.comment && (
            <Alert color="teal.9" variant="outline" title={t('records.plan.advisorComment')}>
              {plan.comment}
            </Alert>
          )}
          <Disciplines
            title={t('records.plan.compulsory')}
            items={plan.compulsory}
            caption={t('records.plan.compulsoryCaption')}
          />
          {plan.blocks.length > 0 && (
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('records.plan.electives')}
              </Title>
              {plan.blocks.map((b) => {
                const n = b.options.filter((o) => picked.has(o.entryId)).length;
                return (
                  <Checkbox.Group
                    key={b.block}
                    label={t('records.plan.block', {
                      block: b.block || '—',
                      choose: b.choose,
                      count: b.options.length,
                    })}
                    description={t('records.plan.chosenOf', { chosen: n, choose: b.choose })}
                    error={
                      mayChoose && n !== b.choose && chosen
                        ? t('records.plan.chooseExactly', { choose: b.choose })
                        : undefined
                    }
                    value={b.options.filter((o) => picked.has(o.entryId)).map((o) => o.entryId)}
                    onChange={(ids) => {
                      const next = new Set(picked);
                      for (const o of b.options) next.delete(o.entryId);
                      for (const id of ids) next.add(id);
                      setChosen(next);
                    }}
                  >
                    <Stack gap={6} mt="xs">
                      {b.options.map((o) => (
                        <Checkbox
                          key={o.entryId}
                          value={o.entryId}
                          disabled={!mayChoose}
                          label={`${o.code} ${disciplineName(i18n.language, o.name)} — ${t('records.plan.creditsShort', { count: o.credits })}, ${t('records.plan.period', { n: o.periodNumber })}`}
                        />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                );
              })}
            </Stack>
          )}
          {plan.academicDifference.length > 0 && (
            <Disciplines
              title={t('records.plan.difference')}
              items={plan.academicDifference}
              caption={t('records.plan.differenceCaption')}
            />
          )}
          <FormAlert error={submit.error} />
          {mayChoose && (
            <Group>
              <Button onClick={() => submit.mutate()} loading={submit.isPending}>
                {t('records.plan.submit')}
              </Button>
            </Group>
          )}
          {submit.isSuccess && (
            <Text role="status" size="sm">
              {t('records.plan.submitted')}
            </Text>
          )}
          {mayDecide && (
            <Stack gap="xs" maw={600}>
              <Title order={2} size="h4">
                {t('records.plan.decision')}
              </Title>
              <FormAlert error={decide.error} />
              <Textarea
                label={t('records.plan.comment')}
                description={t('records.plan.commentHelp')}
                autosize
                minRows={2}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                error={decideErrs.comment}
              />
              <Group>
                <Button color="teal.9" onClick={() => decide.mutate('approve')} loading={decide.isPending}>
                  {t('records.plan.approve')}
                </Button>
                <Button
                  variant="outline"
                  color="red.9"
                  onClick={() => decide.mutate('return')}
                  loading={decide.isPending}
                >
                  {t('records.plan.return')}
                </Button>
              </Group>
            </Stack>
          )}
          {!own && perms.has('records.orders') && plan.blocks.length > 0 && (
            <ElectiveWindowForm key={`${plan.curriculumId}-${plan.yearOfStudy}`} plan={plan} />
          )}
          {decide.isSuccess && (
            <Text role="status" size="sm">
              {t('records.plan.decided')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function Disciplines({ title, items, caption }: { title: string; items: PlanDiscipline[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{t('records.plan.noneHere')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('records.plan.code')}</Table.Th>
                <Table.Th>{t('records.plan.discipline')}</Table.Th>
                <Table.Th>{t('records.transfer.credits')}</Table.Th>
                <Table.Th>{t('records.plan.yearPeriod')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.entryId}>
                  <Table.Td>{d.code}</Table.Td>
                  <Table.Td>
                    {disciplineName(i18n.language, d.name)}
                    {d.transferred && (
                      <Badge ml="xs" variant="outline" color="teal.9">
                        {t('records.plan.transferred')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{d.credits}</Table.Td>
                  <Table.Td>
                    {d.yearOfStudy} / {d.periodNumber}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
