import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { AdmissionPage } from './AdmissionPage.tsx';
import { LearnerCardPage, MyRecordPage } from './LearnerCardPage.tsx';
import { LearnersPage } from './LearnersPage.tsx';
import { PastGradesPage } from './PastGradesPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';
import { MyStudyPlanPage, StudyPlanPage } from './StudyPlanPage.tsx';
import { StudyPlansPage } from './StudyPlansPage.tsx';

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
  const page = <T extends string>(path: T, component: () => React.ReactNode) =>
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
