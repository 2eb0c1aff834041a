import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { TranscriptDto } from '#core/wire/transcripts.ts';
import { get } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';

type Line = TranscriptDto['transferred'][number];

export const transcriptQuery = (learnerId: string) => ({
  queryKey: ['transcripts', learnerId],
  queryFn: () => get<TranscriptDto>(`/api/v1/learners/${learnerId}/transcript`),
});

/** The signed-in learner's own transcript ("My transcript"). */
export function MyTranscriptPage() {
  const me = useMe();
  return me ? <Transcript learnerId={me.id} own /> : null;
}

/** A learner's transcript as the registrar's office, the dean's office or the advisor sees it. */
export function LearnerTranscriptPage({ learnerId }: { learnerId: string }) {
  return <Transcript learnerId={learnerId} own={false} />;
}

function Transcript({ learnerId, own }: { learnerId: string; own: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error } = useQuery(transcriptQuery(learnerId));
  const title = own
    ? t('transcripts.page.myTitle')
    : data
      ? t('transcripts.page.titleOf', { name: data.learner.fullName })
      : t('transcripts.page.title');
  if (error) return <QueryError error={error} />;
  return (
    <Stack>
      <PageHeader title={title}>
        {!own && (
          <Button
            variant="default"
            onClick={() => void navigate({ to: '/records/learners/$learnerId', params: { learnerId } })}
          >
            {t('transcripts.page.backToCard')}
          </Button>
        )}
      </PageHeader>
      {data && <Body data={data} learnerId={learnerId} />}
    </Stack>
  );
}

function Body({ data, learnerId }: { data: TranscriptDto; learnerId: string }) {
  const { t, i18n } = useTranslation();
  const lines = data.years.flatMap((y) => y.periods.flatMap((p) => p.lines));
  return (
    <>
      <Card withBorder component="section" aria-labelledby="tr-summary">
        <Title order={2} size="h4" id="tr-summary" mb="xs">
          {t('transcripts.page.summary')}
        </Title>
        <Stack gap={4}>
          <Text size="sm">
            {t('transcripts.page.learner')}: {data.learner.fullName}
            {data.learner.recordBookNo
              ? ` · ${t('transcripts.page.recordBook')} ${data.learner.recordBookNo}`
              : ''}
          </Text>
          {data.learner.programme && (
            <Text size="sm">
              {t('transcripts.page.programme')}: {data.learner.programme.code}{' '}
              {localizedName(i18n.language, data.learner.programme.name)}
            </Text>
          )}
          {data.learner.group && (
            <Text size="sm">
              {t('transcripts.page.group')}: {data.learner.group.name}
              {data.learner.yearOfStudy
                ? ` · ${t('transcripts.page.year', { n: data.learner.yearOfStudy })}`
                : ''}
            </Text>
          )}
          <Text size="sm" fw={700}>
            {t('transcripts.page.cumulative', {
              gpa: data.gpa ?? '—',
              credits: data.credits,
              gpaCredits: data.gpaCredits,
            })}
          </Text>
        </Stack>
        <Group mt="sm" gap="md" aria-label={t('transcripts.page.downloads')} role="group">
          {(['kk', 'ru', 'en'] as const).map((lang) => (
            <Anchor key={lang} href={`/api/v1/learners/${learnerId}/transcript/pdf?lang=${lang}`} download>
              {t(`transcripts.page.pdf.${lang}`)}
            </Anchor>
          ))}
        </Group>
      </Card>
      {lines.length === 0 && data.transferred.length === 0 && <Text>{t('transcripts.page.none')}</Text>}
      {data.years.map((y) => (
        <Card key={y.startYear} withBorder component="section" aria-labelledby={`tr-year-${y.startYear}`}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id={`tr-year-${y.startYear}`}>
              {t('transcripts.page.academicYear', { from: y.startYear, to: y.startYear + 1 })}
            </Title>
            <Text size="sm" fw={700}>
              {t('transcripts.page.yearTotal', { gpa: y.gpa ?? '—', credits: y.credits })}
            </Text>
          </Group>
          {y.periods.map((p) => {
            const id = `tr-${y.startYear}-${p.kind}-${p.number}`;
            return (
              <Stack key={id} gap={4} mb="md">
                <Title order={3} size="h5" id={id}>
                  {p.kind === 'summer'
                    ? t('transcripts.page.summer')
                    : t('transcripts.page.trimester', { n: p.number })}
                </Title>
                <Lines lines={p.lines} labelledBy={id} />
                <Text size="sm">
                  {t('transcripts.page.periodTotal', { gpa: p.gpa ?? '—', credits: p.credits })}
                </Text>
              </Stack>
            );
          })}
        </Card>
      ))}
      {data.transferred.length > 0 && (
        <Card withBorder component="section" aria-labelledby="tr-transferred">
          <Title order={2} size="h4" id="tr-transferred" mb="xs">
            {t('transcripts.page.transferred')}
          </Title>
          <Text size="sm" mb="xs">
            {t('transcripts.page.transferredNote')}
          </Text>
          <Lines lines={data.transferred} labelledBy="tr-transferred" />
        </Card>
      )}
    </>
  );
}

function Lines({ lines, labelledBy }: { lines: Line[]; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ru' || i18n.language === 'en' ? i18n.language : 'kk';
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('transcripts.page.code')}</Table.Th>
            <Table.Th scope="col">{t('transcripts.page.discipline')}</Table.Th>
            <Table.Th scope="col">{t('transcripts.page.credits')}</Table.Th>
            <Table.Th scope="col">{t('transcripts.page.percent')}</Table.Th>
            <Table.Th scope="col">{t('transcripts.page.letter')}</Table.Th>
            <Table.Th scope="col">{t('transcripts.page.points')}</Table.Th>
            <Table.Th scope="col">{t('transcripts.page.traditional')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr
              key={`${l.source}|${l.disciplineId}|${l.statementId}|${l.institution}|${l.name.en}|${l.percent}`}
            >
              <Table.Td>{l.code ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <span>{localizedName(i18n.language, l.name)}</span>
                  {l.institution && <Text size="xs">({l.institution})</Text>}
                  {l.retake && (
                    <Badge variant="outline" color="blue.9">
                      {t('transcripts.page.retake')}
                    </Badge>
                  )}
                  {l.source === 'migrated' && (
                    <Badge variant="outline" color="gray.8">
                      {t('transcripts.page.migrated')}
                    </Badge>
                  )}
                  {l.source === 'transferred' && (
                    <Badge variant="outline" color="grape.9">
                      {t('transcripts.page.transferredBadge')}
                    </Badge>
                  )}
                  {l.superseded && (
                    <Badge variant="outline" color="orange.9">
                      {t('transcripts.page.superseded')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{l.credits}</Table.Td>
              <Table.Td>{l.percent}</Table.Td>
              <Table.Td>
                <Text fw={700} span>
                  {l.letter}
                </Text>
              </Table.Td>
              <Table.Td>{l.points}</Table.Td>
              <Table.Td>{l.traditional?.[lang] ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
