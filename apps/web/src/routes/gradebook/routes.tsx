import { type AnyRoute, createRoute, lazyRouteComponent, useParams } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const AdmissionPage = lazyRouteComponent(() => import('./AdmissionPage.tsx'), 'AdmissionPage');
const JournalPage = lazyRouteComponent(() => import('./JournalPage.tsx'), 'JournalPage');
const JournalsPage = lazyRouteComponent(() => import('./JournalsPage.tsx'), 'JournalsPage');
const MyGradesPage = lazyRouteComponent(() => import('./MyGradesPage.tsx'), 'MyGradesPage');
const SettingsPage = lazyRouteComponent(() => import('./SettingsPage.tsx'), 'SettingsPage');

/** The journal, admission, a learner's grades and the grading rules, under the signed-in layout. */
export function gradebookRoutes<P extends AnyRoute>(parent: P) {
  const journals = createRoute({
    getParentRoute: () => parent,
    path: '/gradebook/journals',
    component: JournalsPage,
  });
  const journal = createRoute({
    getParentRoute: () => parent,
    path: '/gradebook/offerings/$offeringId/journal',
    component: function Journal() {
      const { offeringId } = useParams({ strict: false });
      return <JournalPage key={offeringId} offeringId={offeringId ?? ''} />;
    },
  });
  const admission = createRoute({
    getParentRoute: () => parent,
    path: '/gradebook/offerings/$offeringId/admission',
    component: function Admission() {
      const { offeringId } = useParams({ strict: false });
      return <AdmissionPage key={offeringId} offeringId={offeringId ?? ''} />;
    },
  });
  const myGrades = createRoute({
    getParentRoute: () => parent,
    path: '/my-grades',
    component: MyGradesPage,
  });
  const settings = createRoute({
    getParentRoute: () => parent,
    path: '/gradebook/settings',
    component: SettingsPage,
  });
  return [journals, journal, admission, myGrades, settings] as const;
}
