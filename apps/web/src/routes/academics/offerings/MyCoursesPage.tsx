import { Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../api/client.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { AccessNotice } from '../../records/AccessNotice.tsx';
import { periodLabel } from '../calendar/CalendarTable.tsx';
import { enumLabel, formatDate, keys } from '../shared.tsx';
import type { MyCourse } from '../types.ts';

export const myCoursesQuery = (include: 'current' | 'all') => ({
  queryKey: [...keys.myCourses, include],
  queryFn: () => get<{ items: MyCourse[] }>('/api/v1/me/courses', { include }),
});

/** The offerings I study or teach this period; earlier ones on request, read-only. */
export function MyCoursesPage() {
  const { t } = useTranslation();
  const [include, setInclude] = useState<'current' | 'all'>('current');
  const { data, error } = useQuery(myCoursesQuery(include));
  return (
    <Stack>
      <PageHeader title={t('academics.myCourses.title')} />
      <AccessNotice />
      <SegmentedControl
        w="fit-content"
        aria-label={t('academics.myCourses.which')}
        value={include}
        onChange={(v) => setInclude(v as 'current' | 'all')}
        data={[
          { value: 'current', label: t('academics.myCourses.current') },
          { value: 'all', label: t('academics.myCourses.all') },
        ]}
      />
      {error ? <QueryError error={error} inline /> : <CourseCards items={data?.items} />}
    </Stack>
  );
}

export function CourseCards({ items }: { items: MyCourse[] | undefined }) {
  const { t, i18n } = useTranslation();
  if (!items) return null;
  if (items.length === 0) return <Text>{t('academics.myCourses.none')}</Text>;
  const day = (d: string) => formatDate(d, i18n.language);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
      {items.map((c) => (
        <Card withBorder key={c.id} component="li" bg={c.readOnly ? 'gray.0' : undefined}>
          <Title order={2} size="h5">
            <AnchorLink to="/academics/offerings/$offeringId" params={{ offeringId: c.id }}>
              {localizedName(i18n.language, c.disciplineName)}
            </AnchorLink>
          </Title>
          <Text size="sm">
            {c.disciplineCode} · {t('academics.myCourses.credits', { count: c.credits })} ·{' '}
            {enumLabel(t, 'finalControl', c.finalControl)}
          </Text>
          <Text size="sm">
            {periodLabel(t, { kind: 'trimester', number: c.periodNumber })}: {day(c.periodStart)} —{' '}
            {day(c.periodEnd)}
          </Text>
          <AnchorLink
            to="/courses/$offeringId"
            params={{ offeringId: c.id }}
            size="sm"
            aria-label={t('content.course.openNamed', {
              name: localizedName(i18n.language, c.disciplineName),
            })}
          >
            {t('content.course.open')}
          </AnchorLink>
          <Group gap="xs" mt="xs">
            <Badge variant="outline" color="blue.9">
              {enumLabel(t, 'as', c.as)}
            </Badge>
            {c.readOnly && (
              <Badge variant="outline" color="gray.8">
                {t('academics.offerings.readOnly')}
              </Badge>
            )}
          </Group>
        </Card>
      ))}
    </SimpleGrid>
  );
}
