import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { AttemptPage } from './AttemptPage.tsx';
import { MyTestsPage } from './MyTestsPage.tsx';
import { ReviewPage } from './ReviewPage.tsx';
import { BankPage } from './teach/BankPage.tsx';
import { TeachingPage } from './teach/TeachingPage.tsx';
import { TestEditorPage } from './teach/TestEditorPage.tsx';

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
