import { type AnyRoute, createRoute, lazyRouteComponent, useParams } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const AttemptPage = lazyRouteComponent(() => import('./AttemptPage.tsx'), 'AttemptPage');
const MyTestsPage = lazyRouteComponent(() => import('./MyTestsPage.tsx'), 'MyTestsPage');
const ReviewPage = lazyRouteComponent(() => import('./ReviewPage.tsx'), 'ReviewPage');
const BankPage = lazyRouteComponent(() => import('./teach/BankPage.tsx'), 'BankPage');
const TeachingPage = lazyRouteComponent(() => import('./teach/TeachingPage.tsx'), 'TeachingPage');
const TestEditorPage = lazyRouteComponent(() => import('./teach/TestEditorPage.tsx'), 'TestEditorPage');

/** The learner's tests, taking one, the review; the teacher's tests, bank and grading. */
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
  const teaching = createRoute({
    getParentRoute: () => parent,
    path: '/teach/tests',
    component: TeachingPage,
  });
  const testEditor = createRoute({
    getParentRoute: () => parent,
    path: '/teach/tests/$testId',
    component: function TestEditor() {
      const { testId } = useParams({ strict: false });
      return <TestEditorPage key={testId} testId={testId ?? ''} />;
    },
  });
  const bank = createRoute({
    getParentRoute: () => parent,
    path: '/teach/banks/$disciplineId',
    component: function Bank() {
      const { disciplineId } = useParams({ strict: false });
      return <BankPage key={disciplineId} disciplineId={disciplineId ?? ''} />;
    },
  });
  const grade = createRoute({
    getParentRoute: () => parent,
    path: '/teach/attempts/$attemptId',
    component: function GradeAttempt() {
      const { attemptId } = useParams({ strict: false });
      return <ReviewPage key={attemptId} attemptId={attemptId ?? ''} asGrader />;
    },
  });
  return [myTests, attempt, review, teaching, testEditor, bank, grade] as const;
}
