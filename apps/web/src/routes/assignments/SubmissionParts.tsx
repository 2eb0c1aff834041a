import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../components/format.ts';
import { type AssignmentDto, fileUrl, type SubmissionDto } from './api.ts';

type Version = SubmissionDto['versions'][number];

/** One handed-in version: its text (comments mark their ranges), its files (PDFs and images inline). */
export function VersionView({ a, v }: { a: AssignmentDto; v: Version }) {
  const { t, i18n } = useTranslation();
  const headingId = `asg-v-${v.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={2} size="h5" id={headingId} mb="xs">
        {t('assignments.version', { number: v.number, at: formatInstant(v.submittedAt, i18n.language) })}
        {v.lateDays > 0 && ` · ${t('assignments.lateDays', { count: v.lateDays })}`}
      </Title>
      {v.text && (
        <Text component="div" style={{ whiteSpace: 'pre-wrap' }} data-testid="version-text">
          {v.text}
        </Text>
      )}
      {v.files.map((f) => (
        <Stack key={f.id} gap={4} mt="sm">
          <Anchor href={fileUrl(a.id, f.id)} target="_blank">
            {f.name}
          </Anchor>
          {f.contentType === 'application/pdf' && (
            <iframe
              src={fileUrl(a.id, f.id)}
              title={f.name}
              style={{ width: '100%', height: 480, border: 0 }}
            />
          )}
          {f.contentType.startsWith('image/') && (
            <img src={fileUrl(a.id, f.id)} alt={f.name} style={{ maxWidth: '100%' }} />
          )}
        </Stack>
      ))}
      {v.comments.length > 0 && (
        <Stack gap={4} mt="sm">
          <Text fw={600} size="sm">
            {t('assignments.comments')}
          </Text>
          <ul style={{ margin: 0 }}>
            {v.comments.map((c) => (
              <li key={c.id}>
                <Text size="sm">
                  <strong>
                    {c.anchor.kind === 'text'
                      ? `«${c.anchor.quote}»`
                      : t('assignments.pageOf', {
                          page: c.anchor.page,
                          file:
                            v.files.find((f) => f.id === (c.anchor as { fileId: string }).fileId)?.name ?? '',
                        })}
                  </strong>
                  : {c.body}
                </Text>
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </Card>
  );
}

/** The grade (once released) or the feedback of a return, as the learner sees it. */
export function GradeView({ a, s }: { a: AssignmentDto; s: SubmissionDto }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="asg-grade">
      <Title order={2} size="h4" id="asg-grade" mb="xs">
        {s.grade ? t('assignments.grade') : t('assignments.returnedTitle')}
      </Title>
      {s.grade && (
        <Text fw={600} data-testid="grade">
          {t('assignments.scoreOf', { score: s.grade.score, max: a.maxScore })}
          {Number(s.grade.penaltyPercent) > 0 &&
            ` (${t('assignments.penalty', { percent: s.grade.penaltyPercent })})`}
        </Text>
      )}
      {s.reworkDueAt && !s.grade && <Text size="sm">{t('assignments.reworkBy')}</Text>}
      {(s.grade?.feedback || s.feedback) && (
        <div
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server when stored
          dangerouslySetInnerHTML={{ __html: s.grade?.feedback || s.feedback || '' }}
        />
      )}
      {s.grade?.correctedFile && (
        <Anchor href={fileUrl(a.id, s.grade.correctedFile.id)} target="_blank">
          {t('assignments.correctedFile')}: {s.grade.correctedFile.name}
        </Anchor>
      )}
    </Card>
  );
}
