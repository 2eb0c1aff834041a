import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { AssignmentLink } from './AssignmentLink.tsx';
import {
  type CourseContent,
  contentKeys,
  courseQuery,
  darkOrange,
  kindLabel,
  type LearnerMaterial,
  localized,
  RichText,
  statusColor,
  statusLabel,
} from './shared.tsx';

/**
 * The course page of an offering: announcements, the structure of its e-learning complex,
 * what is new since the last visit and the learner's progress; teachers see view counts.
 */
export function CoursePage({ offeringId }: { offeringId: string }) {
  const { t, i18n } = useTranslation();
  // The page is read once per visit: "new since the last visit" is measured when it loads.
  const { data, error } = useQuery({ ...courseQuery(offeringId), staleTime: Number.POSITIVE_INFINITY });
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const title = `${data.offeringCode} — ${localized(i18n.language, data.disciplineName)}`;
  return (
    <Stack>
      <PageHeader title={title}>
        {data.canEdit && (
          <AnchorLink
            to="/content/disciplines/$disciplineId"
            params={{ disciplineId: data.disciplineId }}
            search={{ offeringId }}
          >
            {t('content.course.editComplex')}
          </AnchorLink>
        )}
      </PageHeader>
      {data.readOnly && (
        <Alert variant="outline" color="gray.8">
          {t('content.course.readOnly')}
        </Alert>
      )}
      {data.as === 'learner' && <LearnerSummary data={data} />}
      <Announcements data={data} />
      {data.sections.length === 0 && <Text>{t('content.course.empty')}</Text>}
      {data.sections.map((s) => (
        <Card withBorder key={s.id} component="section" aria-labelledby={`sec-${s.id}`}>
          <Group gap="xs" mb="xs">
            <Title order={2} size="h4" id={`sec-${s.id}`}>
              {s.title}
            </Title>
            {s.offeringOnly && (
              <Badge variant="outline" color="blue.9">
                {t('content.offeringOnly')}
              </Badge>
            )}
          </Group>
          {s.materials.length === 0 ? (
            <Text size="sm">{t('content.course.noMaterials')}</Text>
          ) : (
            <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {s.materials.map((m) => (
                <MaterialRow key={m.id} offeringId={offeringId} m={m} learner={data.as === 'learner'} />
              ))}
            </Stack>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function LearnerSummary({ data }: { data: CourseContent }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const accept = useMutation({
    mutationFn: () => post(`/api/v1/offerings/${data.offeringId}/content/terms`),
    onSuccess: () => qc.invalidateQueries({ queryKey: contentKeys.course(data.offeringId) }),
  });
  const { total, opened, done } = data.progress;
  return (
    <>
      {!data.termsAccepted && (
        <Card withBorder component="section" aria-labelledby="terms-title">
          <Title order={2} size="h4" id="terms-title">
            {t('content.terms.title')}
          </Title>
          <Text size="sm" my="xs">
            {t('content.terms.text')}
          </Text>
          <FormAlert error={accept.error} />
          <Button w="fit-content" loading={accept.isPending} onClick={() => accept.mutate()}>
            {t('content.terms.accept')}
          </Button>
        </Card>
      )}
      <Card withBorder component="section" aria-labelledby="progress-title">
        <Title order={2} size="h4" id="progress-title">
          {t('content.progress.title')}
        </Title>
        <Text size="sm" my="xs">
          {t('content.progress.summary', { opened, done, total })}
        </Text>
        <Progress
          value={total ? (done / total) * 100 : 0}
          aria-label={t('content.progress.doneShare', { done, total })}
          color="teal.9"
        />
        {data.lastVisitAt && (
          <Text size="sm" mt="xs">
            {t('content.progress.lastVisit', { at: formatInstant(data.lastVisitAt, i18n.language) })}
          </Text>
        )}
      </Card>
    </>
  );
}

function MaterialRow({
  offeringId,
  m,
  learner,
}: {
  offeringId: string;
  m: LearnerMaterial;
  learner: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const tick = useMutation({
    mutationFn: (done: boolean) =>
      post(`/api/v1/offerings/${offeringId}/content/materials/${m.id}/done`, { done }),
    onSuccess: (_d, done) =>
      qc.setQueryData<CourseContent>(contentKeys.course(offeringId), (old) => {
        if (!old) return old;
        const sections = old.sections.map((s) => ({
          ...s,
          materials: s.materials.map((x) => (x.id === m.id ? { ...x, done, opened: true } : x)),
        }));
        const all = sections.flatMap((s) => s.materials);
        return {
          ...old,
          sections,
          progress: {
            total: all.length,
            opened: all.filter((x) => x.opened).length,
            done: all.filter((x) => x.done).length,
          },
        };
      }),
  });
  return (
    <Group component="li" justify="space-between" wrap="wrap" gap="xs">
      <Group gap="xs" wrap="wrap">
        <AnchorLink to="/courses/$offeringId/materials/$materialId" params={{ offeringId, materialId: m.id }}>
          {m.title}
        </AnchorLink>
        <Text size="sm" c="gray.8">
          {kindLabel(t, m.kind)}
        </Text>
        {m.isNew && (
          <Badge color={darkOrange} variant="outline">
            {t('content.course.new')}
          </Badge>
        )}
        {m.status && m.status !== 'approved' && (
          <Badge color={statusColor[m.status]} variant="outline">
            {statusLabel(t, m.status)}
          </Badge>
        )}
        {m.assignment && <AssignmentLink a={m.assignment} />}
      </Group>
      {learner ? (
        <Checkbox
          label={t('content.progress.done')}
          checked={m.done}
          disabled={tick.isPending}
          onChange={(e) => tick.mutate(e.currentTarget.checked)}
          aria-label={t('content.progress.doneOf', { title: m.title })}
        />
      ) : (
        m.views && (
          <Text size="sm">
            {t('content.course.views', { learners: m.views.learners, total: m.views.total })}
          </Text>
        )
      )}
      {tick.error && <FormAlert error={tick.error} />}
    </Group>
  );
}

function Announcements({ data }: { data: CourseContent }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const create = useMutation({
    mutationFn: () =>
      post(`/api/v1/offerings/${data.offeringId}/announcements`, {
        title,
        body: body
          .split(/\n{2,}/)
          .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
          .join(''),
      }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      return qc.invalidateQueries({ queryKey: contentKeys.course(data.offeringId) });
    },
  });
  const canPost = data.canEdit && !data.readOnly;
  if (!canPost && data.announcements.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="ann-title">
      <Title order={2} size="h4" id="ann-title" mb="xs">
        {t('content.announcements.title')}
      </Title>
      <Stack gap="sm">
        {data.announcements.map((a) => (
          <article key={a.id}>
            <Title order={3} size="h5">
              {a.title}
            </Title>
            <Text size="xs" c="gray.8">
              {formatInstant(a.createdAt, i18n.language)}
            </Text>
            <RichText html={a.body} />
          </article>
        ))}
        {canPost && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <Stack gap="xs">
              <Title order={3} size="h5">
                {t('content.announcements.new')}
              </Title>
              <FormAlert error={create.error} />
              <TextInput
                label={t('content.announcements.titleField')}
                value={title}
                required
                maxLength={300}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
              <Textarea
                label={t('content.announcements.body')}
                value={body}
                autosize
                minRows={3}
                onChange={(e) => setBody(e.currentTarget.value)}
              />
              <Button type="submit" w="fit-content" loading={create.isPending}>
                {t('content.announcements.post')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
