import { Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDate, formatTime } from '../academics/shared.tsx';
import { ChoiceBadge, cwKeys, cwUrl, type ProgressDto, StateBadge, useLocalized } from './shared.tsx';

/** Every learner's milestones (the department) or one's own learners' (a supervisor); overdue ones stand out. */
export function ProgressPanel({ offeringId }: { offeringId: string }) {
  const { t, i18n } = useTranslation();
  const name = useLocalized();
  const { data, error } = useQuery({
    queryKey: cwKeys.progress(offeringId),
    queryFn: () => get<ProgressDto>(`${cwUrl(offeringId)}/progress`),
  });
  return (
    <Card withBorder component="section" aria-labelledby="cw-progress">
      <Title order={2} size="h4" id="cw-progress" mb="sm">
        {t('courseworks.progress.title')}
      </Title>
      {error ? (
        <QueryError error={error} inline />
      ) : data && data.rows.length === 0 ? (
        <Text size="sm">{t('courseworks.progress.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('courseworks.decide.learner')}</Table.Th>
                <Table.Th scope="col">{t('courseworks.topics.topic')}</Table.Th>
                {(data?.milestones ?? []).map((m) => (
                  <Table.Th scope="col" key={m.id}>
                    {name(m.title)}
                    <Text size="xs" c="gray.8">
                      {formatDate(m.dueOn, i18n.language)}
                    </Text>
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('courseworks.progress.admitted')}</Table.Th>
                <Table.Th scope="col">{t('courseworks.progress.defence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.rows ?? []).map((r) => (
                <Table.Tr key={r.learner.id} bg={r.overdueCount > 0 ? 'red.0' : undefined}>
                  <Table.Th scope="row" fw={500}>
                    {r.choice?.status === 'accepted' ? (
                      <AnchorLink
                        to="/course-works/$offeringId/learners/$learnerId"
                        params={{ offeringId, learnerId: r.learner.id }}
                      >
                        {r.learner.name}
                      </AnchorLink>
                    ) : (
                      r.learner.name
                    )}
                    {r.overdueCount > 0 && (
                      <Text size="xs" c="red.9">
                        {t('courseworks.progress.overdueCount', { count: r.overdueCount })}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    {r.choice ? (
                      <Group gap={4}>
                        <Text size="sm">{name(r.choice.title)}</Text>
                        <ChoiceBadge status={r.choice.status} />
                      </Group>
                    ) : (
                      <Text size="sm">{t('courseworks.progress.noTopic')}</Text>
                    )}
                  </Table.Td>
                  {r.milestones.map((m) => (
                    <Table.Td key={m.milestoneId}>
                      <StateBadge state={m.state} overdue={m.overdue} />
                    </Table.Td>
                  ))}
                  <Table.Td>{r.admitted ? t('courseworks.yes') : t('courseworks.no')}</Table.Td>
                  <Table.Td>
                    {r.defence
                      ? `${formatTime(r.defence.startsAt, i18n.language)}${r.defence.score !== null ? ` · ${r.defence.score}` : ''}`
                      : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
