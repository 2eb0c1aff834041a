import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { AssignmentFormPage } from './AssignmentFormPage.tsx';
import { AssignmentPage } from './AssignmentPage.tsx';
import { AssignmentsPage } from './AssignmentsPage.tsx';
import { GradePage } from './GradePage.tsx';

/** Written assignments: the list, setting one, a learner's work or the queue, marking one work. */
export function assignmentsRoutes<P extends AnyRoute>(parent: P) {
  const list = createRoute({
    getParentRoute: () => parent,
    path: '/assignments',
    component: AssignmentsPage,
  });
  const create = createRoute({
    getParentRoute: () => parent,
    path: '/assignments/new/$offeringId',
    component: function NewAssignment() {
      const { offeringId } = useParams({ strict: false });
      return <AssignmentFormPage key={offeringId} offeringId={offeringId ?? ''} />;
    },
  });
  const one = createRoute({
    getParentRoute: () => parent,
    path: '/assignments/$assignmentId',
    component: function Assignment() {
      const { assignmentId } = useParams({ strict: false });
      return <AssignmentPage key={assignmentId} assignmentId={assignmentId ?? ''} />;
    },
  });
  const grade = createRoute({
    getParentRoute: () => parent,
    path: '/assignments/$assignmentId/submissions/$submissionId',
    component: function Grade() {
      const { assignmentId, submissionId } = useParams({ strict: false });
      return (
        <GradePage key={submissionId} assignmentId={assignmentId ?? ''} submissionId={submissionId ?? ''} />
      );
    },
  });
  return [list, create, one, grade] as const;
}
