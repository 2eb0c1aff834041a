import { Card, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { usePermissions } from '../../api/session.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { localizedName } from '../../components/labels.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import type { CourseOffering, MyCourse } from '../academics/types.ts';

type Offering = Pick<CourseOffering, 'id' | 'code' | 'disciplineCode' | 'disciplineName' | 'periodNumber'>;

/** Picks an offering's journal: the courses I teach, and for the dean's office any offering. */
export function JournalsPage() {
  const { t } = useTranslation();
  const perms = usePermissions();
  const mine = useQuery({
    queryKey: ['academics', 'my-courses', 'current'],
    queryFn: () => get<{ items: MyCourse[] }>('/api/v1/me/courses', { include: 'current' }),
  });
  const teaching = (mine.data?.items ?? []).filter((c) => c.as !== 'learner');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const all = useQuery({
    queryKey: ['academics', 'offerings', 'journal-pick', q],
    queryFn: () => get<{ items: CourseOffering[]; total: number }>('/api/v1/offerings', { q, pageSize: 50 }),
    enabled: perms.has('offerings.read') || perms.has('offerings.manage'),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <PageHeader title={t('gradebook.journals.title')} />
      {(teaching.length > 0 || !(perms.has('offerings.read') || perms.has('offerings.manage'))) && (
        <Card withBorder component="section" aria-labelledby="gb-mine">
          <Title order={2} size="h4" id="gb-mine" mb="sm">
            {t('gradebook.journals.mine')}
          </Title>
          {mine.error ? (
            <QueryError error={mine.error} inline />
          ) : teaching.length === 0 ? (
            <Text size="sm">{mine.data ? t('gradebook.journals.noneMine') : ''}</Text>
          ) : (
            <OfferingTable items={teaching} />
          )}
        </Card>
      )}
      {(perms.has('offerings.read') || perms.has('offerings.manage')) && (
        <Card withBorder component="section" aria-labelledby="gb-all">
          <Title order={2} size="h4" id="gb-all" mb="sm">
            {t('gradebook.journals.all')}
          </Title>
          <TextInput
            label={t('gradebook.journals.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            mb="sm"
            w={360}
          />
          {all.error ? (
            <QueryError error={all.error} inline />
          ) : all.data && all.data.items.length === 0 ? (
            <Text size="sm">{t('common.nothingFound')}</Text>
          ) : (
            <OfferingTable items={all.data?.items ?? []} />
          )}
        </Card>
      )}
    </Stack>
  );
}

function OfferingTable({ items }: { items: Offering[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('gradebook.journals.offering')}</Table.Th>
          <Table.Th scope="col">{t('gradebook.journals.discipline')}</Table.Th>
          <Table.Th scope="col">{t('gradebook.journals.open')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((o) => (
          <Table.Tr key={o.id}>
            <Table.Td>{o.code}</Table.Td>
            <Table.Td>
              {o.disciplineCode} {localizedName(i18n.language, o.disciplineName)}
            </Table.Td>
            <Table.Td>
              <AnchorLink to="/gradebook/offerings/$offeringId/journal" params={{ offeringId: o.id }}>
                {t('gradebook.journals.journalOf', { code: o.code })}
              </AnchorLink>
              {' · '}
              <AnchorLink to="/gradebook/offerings/$offeringId/admission" params={{ offeringId: o.id }}>
                {t('gradebook.journals.admissionOf', { code: o.code })}
              </AnchorLink>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
