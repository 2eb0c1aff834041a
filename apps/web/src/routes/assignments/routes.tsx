import { type AnyRoute, createRoute, lazyRouteComponent, useParams } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const AssignmentFormPage = lazyRouteComponent(() => import('./AssignmentFormPage.tsx'), 'AssignmentFormPage');
const AssignmentEditPage = lazyRouteComponent(() => import('./AssignmentFormPage.tsx'), 'AssignmentEditPage');
const AssignmentPage = lazyRouteComponent(() => import('./AssignmentPage.tsx'), 'AssignmentPage');
const AssignmentsPage = lazyRouteComponent(() => import('./AssignmentsPage.tsx'), 'AssignmentsPage');
const GradePage = lazyRouteComponent(() => import('./GradePage.tsx'), 'GradePage');

/** Written assignments: the list, setting or changing one, a learner's work or the queue, marking one work. */
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
  const edit = createRoute({
    getParentRoute: () => parent,
    path: '/assignments/$assignmentId/edit',
    component: function EditAssignment() {
      const { assignmentId } = useParams({ strict: false });
      return <AssignmentEditPage key={assignmentId} assignmentId={assignmentId ?? ''} />;
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
  return [list, create, one, edit, grade] as const;
}
