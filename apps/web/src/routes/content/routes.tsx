import { type AnyRoute, createRoute, lazyRouteComponent, useParams, useSearch } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const ComplexEditorPage = lazyRouteComponent(() => import('./ComplexEditorPage.tsx'), 'ComplexEditorPage');
const CoursePage = lazyRouteComponent(() => import('./CoursePage.tsx'), 'CoursePage');
const MaterialReviewPage = lazyRouteComponent(() => import('./MaterialReviewPage.tsx'), 'MaterialReviewPage');
const CourseMaterialPage = lazyRouteComponent(() => import('./MaterialView.tsx'), 'CourseMaterialPage');
const ReviewQueuePage = lazyRouteComponent(() => import('./ReviewQueuePage.tsx'), 'ReviewQueuePage');
const StaleReportPage = lazyRouteComponent(() => import('./StaleReportPage.tsx'), 'StaleReportPage');

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The course page, the e-learning complex editor, peer review and the yearly-update report. */
export function contentRoutes<P extends AnyRoute>(parent: P) {
  const course = createRoute({
    getParentRoute: () => parent,
    path: '/courses/$offeringId',
    component: function Course() {
      const { offeringId } = useParams({ strict: false });
      return <CoursePage key={offeringId} offeringId={offeringId ?? ''} />;
    },
  });
  const courseMaterial = createRoute({
    getParentRoute: () => parent,
    path: '/courses/$offeringId/materials/$materialId',
    component: function CourseMaterial() {
      const { offeringId, materialId } = useParams({ strict: false });
      return (
        <CourseMaterialPage key={materialId} offeringId={offeringId ?? ''} materialId={materialId ?? ''} />
      );
    },
  });
  const editor = createRoute({
    getParentRoute: () => parent,
    path: '/content/disciplines/$disciplineId',
    validateSearch: (s: Record<string, unknown>): { offeringId?: string } => ({
      offeringId: str(s.offeringId),
    }),
    component: function Editor() {
      const { disciplineId } = useParams({ strict: false });
      const { offeringId } = useSearch({ strict: false }) as { offeringId?: string };
      return (
        <ComplexEditorPage key={disciplineId} disciplineId={disciplineId ?? ''} offeringId={offeringId} />
      );
    },
  });
  const material = createRoute({
    getParentRoute: () => parent,
    path: '/content/materials/$materialId',
    component: function Material() {
      const { materialId } = useParams({ strict: false });
      return <MaterialReviewPage key={materialId} materialId={materialId ?? ''} />;
    },
  });
  const reviews = createRoute({
    getParentRoute: () => parent,
    path: '/content/reviews',
    component: ReviewQueuePage,
  });
  const stale = createRoute({
    getParentRoute: () => parent,
    path: '/content/reports/stale',
    component: StaleReportPage,
  });
  return [course, courseMaterial, editor, material, reviews, stale] as const;
}
