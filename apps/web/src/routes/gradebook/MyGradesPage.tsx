import { Alert, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradingSettingsVersion } from '#core/wire/grading.ts';
import { get } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { HistoryModal } from './JournalPage.tsx';
import {
  AdmissionBadge,
  activityKindLabel,
  asDay,
  gbKeys,
  type MyGrades,
  showScore,
  windowText,
} from './shared.tsx';

type Item = MyGrades['items'][number];

/** The learner's own marks, ratings and admission state, explained in plain words. */
export function MyGradesPage() {
  const { t } = useTranslation();
  const { data, error } = useQuery({
    queryKey: gbKeys.myGrades,
    queryFn: () => get<MyGrades>('/api/v1/me/grades'),
  });
  return (
    <Stack>
      <PageHeader title={t('gradebook.myGrades.title')} />
      <Text size="sm">{t('gradebook.myGrades.intro')}</Text>
      {error ? (
        <QueryError error={error} inline />
      ) : !data ? null : data.items.length === 0 ? (
        <Text>{t('gradebook.myGrades.none')}</Text>
      ) : (
        data.items.map((item) => <OfferingGrades key={item.offering.id} item={item} />)
      )}
    </Stack>
  );
}

function useThreshold(year: number): number | null {
  const { data } = useQuery({
    queryKey: [...gbKeys.settings, 'effective', year],
    queryFn: () => get<GradingSettingsVersion>('/api/v1/grading-settings/effective', { year }),
    staleTime: 300_000,
  });
  return data?.settings.admissionThreshold ?? null;
}

function OfferingGrades({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const c = item.computed;
  const threshold = useThreshold(item.offering.academicYear);
  const [history, setHistory] = useState<{ id: string; title: string } | null>(null);
  // The modal stays mounted after closing so focus returns to the button that opened it.
  const [historyOpen, setHistoryOpen] = useState(false);
  const headingId = `gb-offering-${item.offering.id}`;
  const missing = item.activities.filter((a) => a.score === null);
  const explain = (reason: (typeof c.reasons)[number]) => {
    if (reason === 'activitiesIncomplete')
      return t('gradebook.myGrades.reasonMissing', {
        titles: missing.map((a) => a.title).join(', ') || t('gradebook.myGrades.someActivities'),
      });
    const value = reason === 'r1BelowThreshold' ? c.r1 : c.r2;
    return t(`gradebook.myGrades.${reason}`, { value, threshold: threshold ?? '—' });
  };
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={headingId}>
          {item.offering.discipline.code} — {localizedName(i18n.language, item.offering.discipline.name)}
        </Title>
        <AdmissionBadge computed={c} />
      </Group>
      {item.final && (
        <Alert
          variant="outline"
          color={item.final.letter.startsWith('F') ? 'red.9' : 'teal.9'}
          mb="sm"
          title={t('gradebook.myGrades.finalTitle')}
        >
          {t('gradebook.myGrades.final', {
            letter: item.final.letter,
            percent: item.final.percent,
            points: item.final.points,
            traditional: item.final.traditional ? localizedName(i18n.language, item.final.traditional) : '',
            number: item.final.statementNumber,
          })}
        </Alert>
      )}
      {c.admitted ? (
        <Alert variant="outline" color="teal.9" mb="sm">
          {c.individual
            ? t('gradebook.myGrades.admittedIndividually')
            : t('gradebook.myGrades.admitted', { rating: c.admissionRating })}
        </Alert>
      ) : (
        <Alert variant="outline" color="red.9" mb="sm" title={t('gradebook.myGrades.notAdmittedTitle')}>
          <List size="sm">
            {c.reasons.map((r) => (
              <List.Item key={r}>{explain(r)}</List.Item>
            ))}
          </List>
          <Text size="sm" mt="xs">
            {t('gradebook.myGrades.whatToDo')}
          </Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 5 }} component="dl" spacing="xs" mb="sm">
        {(
          [
            ['tk1', showScore(c.tk1)],
            ['r1', String(c.r1)],
            ['tk2', showScore(c.tk2)],
            ['r2', String(c.r2)],
            ['admissionRating', String(c.admissionRating)],
          ] as const
        ).map(([k, v]) => (
          <div key={k}>
            <Text component="dt" size="sm" c="gray.8">
              {t(`gradebook.computed.${k}`)}
            </Text>
            <Text component="dd" m={0} fw={600}>
              {v}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Text size="sm" mb="sm">
        {t('gradebook.myGrades.howComputed')}
      </Text>
      <Table captionSide="top">
        <Table.Caption>{t('gradebook.myGrades.marksCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('gradebook.myGrades.activity')}</Table.Th>
            <Table.Th scope="col">{t('gradebook.myGrades.kind')}</Table.Th>
            <Table.Th scope="col">{t('gradebook.myGrades.due')}</Table.Th>
            <Table.Th scope="col">{t('gradebook.myGrades.mark')}</Table.Th>
            <Table.Th scope="col">{t('gradebook.history.column')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {item.activities.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Th scope="row" fw={500}>
                {a.title}
                <Text size="xs" c="gray.8">
                  {t('gradebook.journal.half', { half: a.half })}
                </Text>
              </Table.Th>
              <Table.Td>{activityKindLabel(t, a.kind)}</Table.Td>
              <Table.Td>
                {asDay(a.dueDate, i18n.language)}
                <Text size="xs" c="gray.8">
                  {windowText(t, i18n.language, a.window)}
                </Text>
              </Table.Td>
              <Table.Td fw={600}>
                {a.score === null ? t('gradebook.myGrades.noMark') : showScore(a.score)}
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('gradebook.history.openFor', { cell: a.title })}
                  onClick={() => {
                    setHistory({ id: a.id, title: a.title });
                    setHistoryOpen(true);
                  }}
                >
                  {t('gradebook.history.column')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {history && me && (
        <HistoryModal
          opened={historyOpen}
          onClose={() => setHistoryOpen(false)}
          offeringId={item.offering.id}
          userId={me.id}
          activity={history}
        />
      )}
    </Card>
  );
}
