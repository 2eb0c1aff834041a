import { type AnyRoute, createRoute, lazyRouteComponent, useParams } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const ImportPage = lazyRouteComponent(() => import('./ImportPage.tsx'), 'ImportPage');
const StatisticsPage = lazyRouteComponent(() => import('./StatisticsPage.tsx'), 'StatisticsPage');

/** Question import/export of a bank and a test's statistics (issue 7), for teachers. */
export function interchangeRoutes<P extends AnyRoute>(parent: P) {
  const transfer = createRoute({
    getParentRoute: () => parent,
    path: '/teach/banks/$disciplineId/transfer',
    component: function Transfer() {
      const { disciplineId } = useParams({ strict: false });
      return <ImportPage key={disciplineId} disciplineId={disciplineId ?? ''} />;
    },
  });
  const statistics = createRoute({
    getParentRoute: () => parent,
    path: '/teach/tests/$testId/statistics',
    component: function Statistics() {
      const { testId } = useParams({ strict: false });
      return <StatisticsPage key={testId} testId={testId ?? ''} />;
    },
  });
  return [transfer, statistics] as const;
}
