import { type AnyRoute, createRoute, lazyRouteComponent, type RouteComponent } from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const GradeReportPage = lazyRouteComponent(() => import('./GradeReportPage.tsx'), 'GradeReportPage');
const PromotionPage = lazyRouteComponent(() => import('./PromotionPage.tsx'), 'PromotionPage');

/** Grade reports and promotion, under the signed-in layout. */
export function progressRoutes<P extends AnyRoute>(parent: P) {
  const page = <T extends string>(path: T, component: RouteComponent) =>
    createRoute({ getParentRoute: () => parent, path, component });
  return [page('/reports/grades', GradeReportPage), page('/promotion', PromotionPage)] as const;
}
