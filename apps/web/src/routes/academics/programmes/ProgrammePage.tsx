import {
  Badge,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, get, post } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { NotFoundPage } from '../../errors/NotFoundPage.tsx';
import {
  allGroupsQuery,
  currentStartYear,
  enumLabel,
  formatTime,
  keys,
  StatusBadge,
  useDepartmentOptions,
} from '../shared.tsx';
import type { Curriculum, Programme } from '../types.ts';
import { ProgrammeForm } from './ProgrammeForm.tsx';

/** A programme: its facts, a new curriculum per intake year, and its academic groups. */
export function ProgrammePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const one = useQuery({
    queryKey: [...keys.programmes, 'one', id],
    queryFn: ({ signal }) => get<Programme>(`/api/v1/programmes/${id}`, undefined, signal),
  });
  const departments = useDepartmentOptions();
  const perms = usePermissions();
  const [editing, setEditing] = useState(false);
  if (one.error)
    return one.error instanceof ApiError && one.error.status === 404 ? (
      <NotFoundPage />
    ) : (
      <QueryError error={one.error} inline />
    );
  if (!one.data) return null;
  const p = one.data;
  const name = localizedName(i18n.language, p.name);
  return (
    <Stack>
      <PageHeader title={t('academics.programmes.pageTitle', { code: p.code, name })}>
        {perms.has('programmes.manage') && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('academics.programmes.edit')}
          </Button>
        )}
      </PageHeader>
      {editing && (
        <ProgrammeForm
          programme={p}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            qc.setQueryData([...keys.programmes, 'one', id], saved);
            setEditing(false);
          }}
        />
      )}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
          <Fact label={t('academics.fields.department')} value={departments.name(p.departmentId)} />
          <Fact
            label={t('academics.fields.degreeLevel')}
            value={enumLabel(t, 'degreeLevel', p.degreeLevel)}
          />
          <Fact label={t('academics.fields.studyForm')} value={enumLabel(t, 'studyForm', p.studyForm)} />
          <Fact label={t('academics.fields.language')} value={enumLabel(t, 'language', p.language)} />
          <Fact label={t('academics.fields.nameKk')} value={p.name.kk} lang="kk" />
          <Fact label={t('academics.fields.nameRu')} value={p.name.ru} lang="ru" />
          <Fact label={t('academics.fields.nameEn')} value={p.name.en} lang="en" />
        </SimpleGrid>
        {p.dltCategories.length > 0 && (
          <>
            <Text fw={700} mt="sm">
              {t('academics.fields.dltCategories')}
            </Text>
            <List size="sm">
              {p.dltCategories.map((c) => (
                <List.Item key={c}>{enumLabel(t, 'dltCategory', c)}</List.Item>
              ))}
            </List>
          </>
        )}
      </Card>
      <ProgrammeCurricula programmeId={p.id} />
      {perms.has('curricula.manage') && <NewCurriculum programme={p} />}
      <ProgrammeGroups programme={p} />
      {perms.has('offerings.manage') && (
        <Group>
          <AnchorLink to="/academics/offerings" search={{ programmeId: p.id }}>
            {t('academics.offerings.generateFor')}
          </AnchorLink>
        </Group>
      )}
    </Stack>
  );
}

function Fact({ label, value, lang }: { label: string; value: string; lang?: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} lang={lang}>
        {value}
      </Text>
    </div>
  );
}

function NewCurriculum({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | string>(currentStartYear());
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      const c = await post<Curriculum>(`/api/v1/programmes/${programme.id}/curricula`, {
        intakeYear: Number(year),
      });
      await qc.invalidateQueries({ queryKey: keys.curricula });
      void navigate({ to: '/academics/curricula/$curriculumId', params: { curriculumId: c.id } });
    } catch (err) {
      setFieldError(fieldErrors(err).intakeYear);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="new-curriculum">
      <Title order={2} size="h4" id="new-curriculum" mb="sm">
        {t('academics.curricula.newTitle')}
      </Title>
      <form onSubmit={(e) => void create(e)} noValidate>
        <FormAlert error={error} />
        <Group align="flex-end">
          <NumberInput
            label={t('academics.fields.intakeYear')}
            required
            min={2000}
            max={2100}
            allowDecimal={false}
            value={year}
            onChange={setYear}
            error={fieldError}
            w={180}
          />
          <Button type="submit" loading={busy}>
            {t('academics.curricula.create')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function ProgrammeGroups({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const perms = usePermissions();
  // Only those who may list groups see them here (learners and teachers may not).
  const groups = useQuery({
    ...allGroupsQuery(programme.id),
    enabled: perms.has('groups.read') || perms.has('academicGroups.manage'),
  });
  if (groups.error) return null;
  const items = groups.data?.items ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="programme-groups">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="programme-groups">
          {t('academics.groups.title')}
        </Title>
        <AnchorLink to="/academics/groups" search={{ programmeId: programme.id }}>
          {t('academics.groups.manage')}
        </AnchorLink>
      </Group>
      {items.length === 0 ? (
        <Text size="sm">{t('academics.groups.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('academics.fields.code')}</Table.Th>
              <Table.Th>{t('academics.fields.intakeYear')}</Table.Th>
              <Table.Th>{t('academics.fields.yearOfStudy')}</Table.Th>
              <Table.Th>{t('academics.fields.learners')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  {g.code}{' '}
                  <Badge variant="outline" color="gray.8" size="sm">
                    {g.name}
                  </Badge>
                </Table.Td>
                <Table.Td>{g.intakeYear}</Table.Td>
                <Table.Td>{g.yearOfStudy}</Table.Td>
                <Table.Td>{g.learnerCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

type CurriculumSummary = Omit<Curriculum, 'entries'>;

/** Every curriculum version of the programme, newest intake first, each a link to its page. */
function ProgrammeCurricula({ programmeId }: { programmeId: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: [...keys.curricula, 'of', programmeId],
    queryFn: ({ signal }) =>
      get<{ items: CurriculumSummary[] }>(`/api/v1/programmes/${programmeId}/curricula`, undefined, signal),
  });
  if (list.error) return <QueryError error={list.error} />;
  if (!list.data) return null;
  return (
    <Card withBorder component="section" aria-labelledby="programme-curricula">
      <Title order={2} size="h4" id="programme-curricula" mb="sm">
        {t('academics.curricula.listTitle')}
      </Title>
      {list.data.items.length === 0 ? (
        <Text c="dimmed">{t('academics.curricula.listEmpty')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('academics.curricula.intakeColumn')}</Table.Th>
              <Table.Th>{t('academics.curricula.versionColumn')}</Table.Th>
              <Table.Th>{t('academics.curricula.statusColumn')}</Table.Th>
              <Table.Th>{t('academics.curricula.approvedColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <AnchorLink to="/academics/curricula/$curriculumId" params={{ curriculumId: c.id }}>
                    {t('academics.curricula.intakeLink', { year: c.intakeYear })}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{c.versionNo}</Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>{c.approvedAt ? formatTime(c.approvedAt, i18n.language) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
