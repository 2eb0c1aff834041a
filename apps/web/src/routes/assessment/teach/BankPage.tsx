import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../api/client.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { myCoursesQuery } from '../../academics/offerings/MyCoursesPage.tsx';
import { pick, plainText } from '../shared.tsx';
import { type Category, type Question, type QuestionPage, teachKeys } from './api.ts';
import { QuestionEditor } from './QuestionEditor.tsx';
import { HistoryModal, PreviewModal } from './QuestionTools.tsx';

/** A discipline's question bank: nested categories, questions by category and tag, and their tools. */
export function BankPage({ disciplineId }: { disciplineId: string }) {
  const { t, i18n } = useTranslation();
  const { data: courses } = useQuery(myCoursesQuery('current'));
  const course = courses?.items.find((c) => c.disciplineId === disciplineId);
  const cats = useQuery({
    queryKey: teachKeys.categories(disciplineId),
    queryFn: () => get<{ items: Category[] }>(`/api/v1/disciplines/${disciplineId}/question-categories`),
  });
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [tag, setTag] = useState('');
  const qs = useQuery({
    queryKey: [...teachKeys.questions(disciplineId), categoryId, tag],
    queryFn: () =>
      get<QuestionPage>(`/api/v1/disciplines/${disciplineId}/questions`, {
        categoryId,
        tag: tag.trim() || undefined,
        pageSize: 500,
      }),
  });
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [trying, setTrying] = useState<Question | null>(null);
  const [history, setHistory] = useState<Question | null>(null);
  const categories = cats.data?.items ?? [];
  const title = course
    ? t('assessment.teach.bankOf', {
        name: `${course.disciplineCode} — ${localizedName(i18n.language, course.disciplineName)}`,
      })
    : t('assessment.teach.bankTitle');
  return (
    <Stack>
      <PageHeader title={title}>
        <Group>
          <AnchorLink to="/teach/banks/$disciplineId/transfer" params={{ disciplineId }}>
            {t('interchange.openTransfer')}
          </AnchorLink>
          <AnchorLink to="/teach/tests">{t('assessment.teach.backToTests')}</AnchorLink>
        </Group>
      </PageHeader>
      {cats.error && <QueryError error={cats.error} inline />}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder component="section" aria-labelledby="asm-cats">
            <Title order={2} size="h4" id="asm-cats" mb="xs">
              {t('assessment.teach.categories')}
            </Title>
            <CategoryTree
              categories={categories}
              selected={categoryId}
              onSelect={(id) => setCategoryId(id)}
            />
            <AddCategory disciplineId={disciplineId} categories={categories} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder component="section" aria-labelledby="asm-questions">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4" id="asm-questions">
                {t('assessment.teach.questions')}
                {qs.data ? ` (${qs.data.total})` : ''}
              </Title>
              <Button disabled={categories.length === 0} onClick={() => setEditing('new')}>
                {t('assessment.teach.newQuestion')}
              </Button>
            </Group>
            {categories.length === 0 && <Text size="sm">{t('assessment.teach.needCategory')}</Text>}
            <TextInput
              label={t('assessment.teach.filterTag')}
              value={tag}
              onChange={(e) => setTag(e.currentTarget.value)}
              mb="sm"
            />
            {qs.error && <QueryError error={qs.error} inline />}
            {qs.data && qs.data.items.length === 0 && (
              <Text size="sm">{t('assessment.teach.noQuestions')}</Text>
            )}
            {qs.data && qs.data.items.length > 0 && (
              <Table.ScrollContainer minWidth={560}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('assessment.teach.q.text')}</Table.Th>
                      <Table.Th>{t('assessment.teach.q.type')}</Table.Th>
                      <Table.Th>{t('assessment.teach.q.tags')}</Table.Th>
                      <Table.Th>{t('assessment.teach.versionShort')}</Table.Th>
                      <Table.Th>{t('assessment.teach.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {qs.data.items.map((q) => {
                      const text = plainText(pick(i18n.language, q.text)).slice(0, 120) || '—';
                      return (
                        <Table.Tr key={q.id}>
                          <Table.Td>{text}</Table.Td>
                          <Table.Td>{t(`assessment.teach.type.${q.type}`)}</Table.Td>
                          <Table.Td>
                            <Group gap={4}>
                              {q.tags.map((g) => (
                                <Badge key={g} variant="outline" color="dark">
                                  {g}
                                </Badge>
                              ))}
                            </Group>
                          </Table.Td>
                          <Table.Td>{q.version}</Table.Td>
                          <Table.Td>
                            <Group gap={4} wrap="nowrap">
                              <Button
                                size="compact-sm"
                                variant="default"
                                aria-label={`${t('assessment.teach.edit')}: ${text}`}
                                onClick={() => setEditing(q)}
                              >
                                {t('assessment.teach.edit')}
                              </Button>
                              <Button
                                size="compact-sm"
                                variant="default"
                                aria-label={`${t('assessment.teach.try')}: ${text}`}
                                onClick={() => setTrying(q)}
                              >
                                {t('assessment.teach.try')}
                              </Button>
                              <Button
                                size="compact-sm"
                                variant="default"
                                aria-label={`${t('assessment.teach.history')}: ${text}`}
                                onClick={() => setHistory(q)}
                              >
                                {t('assessment.teach.history')}
                              </Button>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      {editing && (
        <QuestionEditor
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          opened
          disciplineId={disciplineId}
          categories={categories}
          question={editing === 'new' ? null : editing}
          defaultCategoryId={categoryId}
          onClose={() => setEditing(null)}
        />
      )}
      {trying && <PreviewModal question={trying} onClose={() => setTrying(null)} />}
      {history && <HistoryModal question={history} onClose={() => setHistory(null)} />}
    </Stack>
  );
}

/** Categories as a nested list; choosing one filters the questions. */
function CategoryTree({
  categories,
  selected,
  onSelect,
}: {
  categories: Category[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const children = (parent: string | null): Category[] => categories.filter((c) => c.parentId === parent);
  const item = (label: string, id: string | null, count?: number) => (
    <UnstyledButton
      onClick={() => onSelect(id)}
      aria-pressed={selected === id}
      fw={selected === id ? 700 : 400}
      style={{ textDecoration: selected === id ? 'underline' : undefined }}
    >
      {label}
      {count !== undefined ? ` (${count})` : ''}
    </UnstyledButton>
  );
  const branch = (parent: string | null) => {
    const kids = children(parent);
    if (kids.length === 0) return null;
    return (
      <ul style={{ margin: 0, paddingInlineStart: parent ? 16 : 0, listStyle: parent ? 'disc' : 'none' }}>
        {kids.map((c) => (
          <li key={c.id}>
            {item(c.name, c.id, c.questionCount)}
            {branch(c.id)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <nav aria-label={t('assessment.teach.categories')}>
      <div>{item(t('assessment.teach.allCategories'), null)}</div>
      {branch(null)}
    </nav>
  );
}

function AddCategory({ disciplineId, categories }: { disciplineId: string; categories: Category[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const add = useMutation({
    mutationFn: () =>
      post(`/api/v1/disciplines/${disciplineId}/question-categories`, {
        name,
        ...(parentId ? { parentId } : {}),
      }),
    onSuccess: () => {
      setName('');
      void qc.invalidateQueries({ queryKey: teachKeys.categories(disciplineId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs" mt="md">
        <FormAlert error={add.error} />
        <TextInput
          label={t('assessment.teach.categoryName')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('assessment.teach.parentCategory')}
          value={parentId}
          data={[
            { value: '', label: t('assessment.teach.noParent') },
            ...categories.map((c) => ({ value: c.id, label: c.name })),
          ]}
          onChange={(e) => setParentId(e.currentTarget.value)}
        />
        <Button type="submit" variant="default" loading={add.isPending}>
          {t('assessment.teach.addCategory')}
        </Button>
      </Stack>
    </form>
  );
}
