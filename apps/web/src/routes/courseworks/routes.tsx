import { type AnyRoute, createRoute, lazyRouteComponent, useParams } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const CourseWorkPage = lazyRouteComponent(() => import('./CourseWorkPage.tsx'), 'CourseWorkPage');
const CourseWorksPage = lazyRouteComponent(() => import('./CourseWorksPage.tsx'), 'CourseWorksPage');
const LearnerWorkPage = lazyRouteComponent(() => import('./LearnerWorkPage.tsx'), 'LearnerWorkPage');

/** Course works: the list, one course work, and one learner's work. */
export function courseWorksRoutes<P extends AnyRoute>(parent: P) {
  const list = createRoute({
    getParentRoute: () => parent,
    path: '/course-works',
    component: CourseWorksPage,
  });
  const one = createRoute({
    getParentRoute: () => parent,
    path: '/course-works/$offeringId',
    component: function CourseWork() {
      const { offeringId } = useParams({ strict: false });
      return <CourseWorkPage key={offeringId} offeringId={offeringId ?? ''} />;
    },
  });
  const learner = createRoute({
    getParentRoute: () => parent,
    path: '/course-works/$offeringId/learners/$learnerId',
    component: function LearnerWork() {
      const { offeringId, learnerId } = useParams({ strict: false });
      return (
        <LearnerWorkPage
          key={`${offeringId}/${learnerId}`}
          offeringId={offeringId ?? ''}
          learnerId={learnerId ?? ''}
        />
      );
    },
  });
  return [list, one, learner] as const;
}
