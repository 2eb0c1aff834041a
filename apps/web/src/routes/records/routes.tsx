import {
  type AnyRoute,
  createRoute,
  lazyRouteComponent,
  type RouteComponent,
  useParams,
} from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const AdmissionPage = lazyRouteComponent(() => import('./AdmissionPage.tsx'), 'AdmissionPage');
const LearnerCardPage = lazyRouteComponent(() => import('./LearnerCardPage.tsx'), 'LearnerCardPage');
const MyRecordPage = lazyRouteComponent(() => import('./LearnerCardPage.tsx'), 'MyRecordPage');
const LearnersPage = lazyRouteComponent(() => import('./LearnersPage.tsx'), 'LearnersPage');
const PastGradesPage = lazyRouteComponent(() => import('./PastGradesPage.tsx'), 'PastGradesPage');
const ReportsPage = lazyRouteComponent(() => import('./ReportsPage.tsx'), 'ReportsPage');
const MyStudyPlanPage = lazyRouteComponent(() => import('./StudyPlanPage.tsx'), 'MyStudyPlanPage');
const StudyPlanPage = lazyRouteComponent(() => import('./StudyPlanPage.tsx'), 'StudyPlanPage');
const StudyPlansPage = lazyRouteComponent(() => import('./StudyPlansPage.tsx'), 'StudyPlansPage');

function Card() {
  const { learnerId } = useParams({ strict: false });
  return <LearnerCardPage key={learnerId} learnerId={learnerId ?? ''} />;
}

function Plan() {
  const { learnerId } = useParams({ strict: false });
  return <StudyPlanPage key={learnerId} learnerId={learnerId ?? ''} />;
}

/** Learner records: admission, the card with its orders, study plans, past grades, reports. */
export function recordsRoutes<P extends AnyRoute>(parent: P) {
  const page = <T extends string>(path: T, component: RouteComponent) =>
    createRoute({ getParentRoute: () => parent, path, component });
  return [
    page('/records/learners', LearnersPage),
    page('/records/learners/$learnerId', Card),
    page('/records/learners/$learnerId/plan', Plan),
    page('/records/admission', AdmissionPage),
    page('/records/study-plans', StudyPlansPage),
    page('/records/past-grades', PastGradesPage),
    page('/records/reports', ReportsPage),
    page('/my-record', MyRecordPage),
    page('/my-study-plan', MyStudyPlanPage),
  ] as const;
}
