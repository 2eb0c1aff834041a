import { Alert, Anchor, Box, Button, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatDay } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { AssignmentLink } from './AssignmentLink.tsx';
import {
  type ContentLang,
  contentKeys,
  courseQuery,
  embedUrl,
  fileUrl,
  kindLabel,
  type LearnerMaterial,
  RichText,
} from './shared.tsx';

const langNames: Record<ContentLang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** One material of the course page, in the reader's language first (opening it counts as a view). */
export function CourseMaterialPage({ offeringId, materialId }: { offeringId: string; materialId: string }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<ContentLang | undefined>(undefined);
  const { data: course } = useQuery(courseQuery(offeringId));
  const { data: m, error } = useQuery({
    queryKey: [...contentKeys.material(offeringId, materialId), lang ?? ''],
    queryFn: () =>
      get<LearnerMaterial>(`/api/v1/offerings/${offeringId}/content/materials/${materialId}`, { lang }),
  });
  if (error) return <QueryError error={error} />;
  if (!m) return null;
  const mustAccept = course?.as === 'learner' && !course.termsAccepted;
  return (
    <Stack>
      <PageHeader title={m.title}>
        <AnchorLink to="/courses/$offeringId" params={{ offeringId }}>
          {t('content.material.backToCourse')}
        </AnchorLink>
      </PageHeader>
      <Group gap="md" wrap="wrap">
        <Text size="sm">{kindLabel(t, m.kind)}</Text>
        {m.lastApprovedAt && (
          <Text size="sm">
            {t('content.material.approvedOn', { day: formatDay(m.lastApprovedAt, i18n.language) })}
          </Text>
        )}
        {m.languages.length > 1 && (
          <SegmentedControl
            aria-label={t('content.material.language')}
            value={m.language}
            onChange={(v) => setLang(v as ContentLang)}
            data={m.languages.map((l) => ({ value: l, label: langNames[l] }))}
          />
        )}
      </Group>
      <Box lang={m.language}>
        <MaterialBodyView
          m={m}
          fileHref={fileUrl(offeringId, materialId, m.language)}
          canDownload={!mustAccept}
        />
      </Box>
      {mustAccept && m.hasFile && (
        <Alert variant="outline" color="orange.9">
          {t('content.terms.needed')}{' '}
          <AnchorLink to="/courses/$offeringId" params={{ offeringId }}>
            {t('content.terms.goAccept')}
          </AnchorLink>
        </Alert>
      )}
    </Stack>
  );
}

type Viewable = Pick<LearnerMaterial, 'kind' | 'title' | 'html' | 'url' | 'hasFile' | 'toc' | 'fileType'> &
  Partial<Pick<LearnerMaterial, 'assignment'>>;

/** The body of a material by its kind: text, file preview, link or video, e-textbook with contents. */
export function MaterialBodyView({
  m,
  fileHref,
  canDownload,
}: {
  m: Viewable;
  fileHref: string;
  canDownload: boolean;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState<number | null>(null);
  if (m.kind === 'link' && m.url) {
    const embed = embedUrl(m.url);
    return (
      <Stack>
        {embed && (
          <Box
            component="iframe"
            src={embed}
            title={m.title}
            style={{ width: '100%', maxWidth: 800, aspectRatio: '16 / 9', border: 0 }}
            allow="fullscreen; picture-in-picture"
          />
        )}
        <Anchor href={m.url} target="_blank" rel="noopener noreferrer">
          {t('content.material.openLink')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack>
      {m.html && <RichText html={m.html} />}
      {m.assignment ? (
        <AssignmentLink a={m.assignment} />
      ) : (
        (m.kind === 'assignment' || m.kind === 'test') && (
          <Text size="sm" c="gray.8">
            {t(`content.material.placeholder.${m.kind}`)}
          </Text>
        )
      )}
      {m.hasFile && canDownload && (
        <>
          {m.kind === 'textbook' && m.toc && m.toc.length > 0 && (
            <nav aria-label={t('content.material.toc')}>
              <Title order={2} size="h5">
                {t('content.material.toc')}
              </Title>
              <List>
                {m.toc.map((e) => (
                  <List.Item key={`${e.page}-${e.title}`}>
                    <Anchor component="button" type="button" onClick={() => setPage(e.page)}>
                      {e.title}
                    </Anchor>{' '}
                    <Text span size="sm" c="gray.8">
                      {t('content.material.page', { page: e.page })}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </nav>
          )}
          <FilePreview
            href={page ? `${fileHref}#page=${page}` : fileHref}
            key={page ?? 0}
            title={m.title}
            contentType={m.fileType}
          />
          <Button component="a" href={fileHref} download w="fit-content" variant="outline">
            {t('content.material.download')}
          </Button>
        </>
      )}
    </Stack>
  );
}

/** Shows the file where the browser can: a PDF in a frame, images, audio and video in their elements. */
function FilePreview({ href, title, contentType }: { href: string; title: string; contentType?: string }) {
  const { t } = useTranslation();
  const kind = contentType ?? '';
  if (kind === 'application/pdf')
    return (
      <Box
        component="iframe"
        src={href}
        title={t('content.material.previewOf', { title })}
        style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-4)' }}
      />
    );
  if (kind.startsWith('image/'))
    return <Box component="img" src={href} alt={title} style={{ maxWidth: '100%' }} />;
  if (kind.startsWith('video/'))
    return (
      <Box component="video" controls src={href} style={{ maxWidth: '100%' }} aria-label={title}>
        <track kind="captions" />
      </Box>
    );
  if (kind.startsWith('audio/'))
    return (
      <audio controls src={href} aria-label={title}>
        <track kind="captions" />
      </audio>
    );
  return null;
}
