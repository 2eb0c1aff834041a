import { Anchor, Badge, Button, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Localized } from '#core/assessment/questions.ts';
import type { TestStatisticsDto } from '#core/wire/interchange.ts';
import { get, withQuery } from '../../../api/client.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';

type Lang = 'kk' | 'ru' | 'en';
const plain = (html: string) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
};
const pick = (l: Localized | null, lang: Lang) => (l ? plain(l[lang] || l.kk || l.ru || l.en || '') : '');
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));

/** Item statistics of one test: the score distribution and per question facility, discrimination and answers. */
export function StatisticsPage({ testId }: { testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = (['kk', 'ru', 'en'].includes(i18n.language) ? i18n.language : 'kk') as Lang;
  const q = useQuery({
    queryKey: ['assessment', 'statistics', testId],
    queryFn: () => get<TestStatisticsDto>(`/api/v1/tests/${testId}/statistics`),
  });
  if (q.error) return <QueryError error={q.error} />;
  const s = q.data;
  const exportHref = (format: 'csv' | 'xlsx') =>
    withQuery(`/api/v1/tests/${testId}/statistics/export`, { format, lang });
  const max = Math.max(1, ...(s?.distribution.map((b) => b.count) ?? [1]));
  return (
    <Stack maw={1200}>
      <PageHeader
        title={s ? t('interchange.stats.title', { test: s.title }) : t('interchange.stats.loading')}
      >
        <Group>
          <Anchor href={`/teach/tests/${testId}`}>{t('interchange.stats.backToTest')}</Anchor>
          <Button component="a" href={exportHref('csv')} download variant="default">
            {t('interchange.stats.exportCsv')}
          </Button>
          <Button component="a" href={exportHref('xlsx')} download variant="default">
            {t('interchange.stats.exportXlsx')}
          </Button>
        </Group>
      </PageHeader>
      {s && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t('interchange.stats.attempts')} value={String(s.attempts)} />
            <Figure label={t('interchange.stats.mean')} value={num(s.meanPercent)} />
            <Figure label={t('interchange.stats.median')} value={num(s.medianPercent)} />
            <Figure
              label={t('interchange.stats.averageTime')}
              value={
                s.averageTimeSec === null
                  ? '—'
                  : t('interchange.stats.minutes', { m: Math.round(s.averageTimeSec / 60) })
              }
            />
          </SimpleGrid>
          <section aria-labelledby="stats-distribution">
            <Title order={2} size="h4" id="stats-distribution">
              {t('interchange.stats.distribution')}
            </Title>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('interchange.stats.band')}</Table.Th>
                  <Table.Th>{t('interchange.stats.count')}</Table.Th>
                  <Table.Th w="60%">{t('interchange.stats.share')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.distribution.map((b) => (
                  <Table.Tr key={b.from}>
                    <Table.Td>
                      {b.from}–{b.to}%
                    </Table.Td>
                    <Table.Td>{b.count}</Table.Td>
                    <Table.Td>
                      <Progress value={(b.count / max) * 100} aria-label={`${b.from}–${b.to}%: ${b.count}`} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
          <section aria-labelledby="stats-questions">
            <Title order={2} size="h4" id="stats-questions">
              {t('interchange.stats.questionsTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('interchange.stats.help')}
            </Text>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>№</Table.Th>
                  <Table.Th>{t('interchange.stats.question')}</Table.Th>
                  <Table.Th>{t('interchange.stats.answered')}</Table.Th>
                  <Table.Th>{t('interchange.stats.facility')}</Table.Th>
                  <Table.Th>{t('interchange.stats.discrimination')}</Table.Th>
                  <Table.Th>{t('interchange.stats.flags')}</Table.Th>
                  <Table.Th>{t('interchange.stats.frequencies')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.questions.map((x, i) => (
                  <Table.Tr key={x.questionId}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td maw={360}>{pick(x.text, lang)}</Table.Td>
                    <Table.Td>{x.answered}</Table.Td>
                    <Table.Td>{num(x.facility)}</Table.Td>
                    <Table.Td c={x.discrimination !== null && x.discrimination < 0 ? 'red.9' : undefined}>
                      {num(x.discrimination)}
                    </Table.Td>
                    <Table.Td>
                      {x.flags.map((f) => (
                        <Badge
                          key={f}
                          color={f === 'negativeDiscrimination' ? 'red.9' : 'yellow.9'}
                          variant="outline"
                          mr={4}
                        >
                          {t(`interchange.stats.flag.${f}`)}
                        </Badge>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {x.frequencies.map((f) => (
                          <Text key={f.key} size="xs">
                            {f.correct ? (
                              <Badge size="xs" color="teal.9" variant="outline" mr={4}>
                                {t('interchange.stats.correctOption')}
                              </Badge>
                            ) : null}
                            {f.label
                              ? pick(f.label, lang)
                              : f.key.startsWith('=')
                                ? f.key.slice(1)
                                : t(`interchange.stats.answer.${f.key}`, { defaultValue: f.key })}
                            : {f.count}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {s.questions.length === 0 && <Text>{t('interchange.stats.none')}</Text>}
          </section>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Stack>
  );
}
