import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { AttemptPage } from './AttemptPage.tsx';
import { MyTestsPage } from './MyTestsPage.tsx';
import { ReviewPage } from './ReviewPage.tsx';

/** The learner's tests, taking one, and the review afterwards, under the signed-in layout. */
export function assessmentRoutes<P extends AnyRoute>(parent: P) {
  const myTests = createRoute({ getParentRoute: () => parent, path: '/my-tests', component: MyTestsPage });
  const attempt = createRoute({
    getParentRoute: () => parent,
    path: '/my-tests/attempts/$attemptId',
    component: function Attempt() {
      const { attemptId } = useParams({ strict: false });
      return <AttemptPage key={attemptId} attemptId={attemptId ?? ''} />;
    },
  });
  const review = createRoute({
    getParentRoute: () => parent,
    path: '/my-tests/attempts/$attemptId/review',
    component: function AttemptReview() {
      const { attemptId } = useParams({ strict: false });
      return <ReviewPage key={attemptId} attemptId={attemptId ?? ''} />;
    },
  });
  return [myTests, attempt, review] as const;
}
