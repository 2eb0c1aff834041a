import { Box } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useLayoutEffect, useRef } from 'react';
import type { z } from 'zod';
import type {
  compareSchema,
  complexSchema,
  courseContentSchema,
  learnerMaterialSchema,
  Material,
  MaterialVersion,
  reviewQueueSchema,
  staleReportSchema,
  uploadedFileSchema,
} from '#core/wire/content.ts';
import { get } from '../../api/client.ts';
import { typesetFormulas } from '../../components/formulas.ts';

export type { Material, MaterialVersion };
export type Complex = z.infer<typeof complexSchema>;
export type ComplexSection = Complex['sections'][number];
export type CourseContent = z.infer<typeof courseContentSchema>;
export type LearnerMaterial = z.infer<typeof learnerMaterialSchema>;
export type Compare = z.infer<typeof compareSchema>;
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;
export type StaleReport = z.infer<typeof staleReportSchema>;
export type UploadedFile = z.infer<typeof uploadedFileSchema>;
export type ContentLang = 'kk' | 'ru' | 'en';
export const contentLangs: ContentLang[] = ['kk', 'ru', 'en'];

/** Query keys of the area. */
export const contentKeys = {
  all: ['content'] as const,
  complex: (disciplineId: string, offeringId?: string) =>
    ['content', 'complex', disciplineId, offeringId ?? ''] as const,
  course: (offeringId: string) => ['content', 'course', offeringId] as const,
  material: (offeringId: string, materialId: string) =>
    ['content', 'course', offeringId, 'material', materialId] as const,
  versions: (materialId: string) => ['content', 'versions', materialId] as const,
  reviews: ['content', 'reviews'] as const,
  stale: (months: number) => ['content', 'stale', months] as const,
};

export const complexQuery = (disciplineId: string, offeringId?: string) => ({
  queryKey: contentKeys.complex(disciplineId, offeringId),
  queryFn: () => get<Complex>(`/api/v1/disciplines/${disciplineId}/content`, { offeringId }),
});

export const courseQuery = (offeringId: string) => ({
  queryKey: contentKeys.course(offeringId),
  queryFn: () => get<CourseContent>(`/api/v1/offerings/${offeringId}/content`),
});

/** The text of a { kk, ru, en } record in the interface language, else the first one present. */
export function localized(lang: string, l: Record<string, string | undefined> | null | undefined): string {
  if (!l) return '';
  return l[lang] || l.kk || l.ru || l.en || '';
}

/** A material's title in the interface language, else in the first language it was written in. */
export function materialTitle(lang: string, body: MaterialVersion['body']): string {
  const b = body as Record<string, { title?: string } | undefined>;
  return b[lang]?.title || b.kk?.title || b.ru?.title || b.en?.title || '';
}

export const kindLabel = (t: TFunction, kind: string) => t(`content.kind.${kind}`, { defaultValue: kind });
export const statusLabel = (t: TFunction, status: string) =>
  t(`content.status.${status}`, { defaultValue: status });
/** Mantine's darkest orange (orange.9) is too light for small badge text on white (4.3:1); this one is 5.9:1. */
export const darkOrange = '#b33c0c';
export const statusColor: Record<string, string> = {
  draft: 'gray.8',
  in_review: darkOrange,
  approved: 'teal.9',
  returned: 'red.9',
  superseded: 'gray.7',
};

/**
 * Rich text the server sanitized when it was stored; formulas are kept as their LaTeX in
 * `span.math-inline` / `span.math-display` (data-latex) and typeset here with KaTeX.
 */
export function RichText({ html, id }: { html: string; id?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: typeset again whenever the text changes
  useLayoutEffect(() => {
    if (ref.current) void typesetFormulas(ref.current);
  }, [html]);
  return (
    <Box
      ref={ref}
      id={id}
      className="content-rich"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server when stored
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** The address of a material's file on the course page (the server watermarks a learner's PDF). */
export const fileUrl = (offeringId: string, materialId: string, lang?: string) =>
  `/api/v1/offerings/${offeringId}/content/materials/${materialId}/file${lang ? `?lang=${lang}` : ''}`;

/** An embeddable address for the well-known video hosts, or null (then it is shown as a link). */
export function embedUrl(url: string): string | null {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    if (host === 'youtube.com' && u.searchParams.get('v'))
      return `https://www.youtube-nocookie.com/embed/${encodeURIComponent(u.searchParams.get('v')!)}`;
    if (host === 'youtu.be')
      return `https://www.youtube-nocookie.com/embed/${encodeURIComponent(u.pathname.slice(1))}`;
    if (host === 'vimeo.com' && /^\/\d+$/.test(u.pathname))
      return `https://player.vimeo.com/video${u.pathname}`;
  } catch {
    return null;
  }
  return null;
}
