import { type AnyRoute, createRoute } from '@tanstack/react-router';
import { GradeReportPage } from './GradeReportPage.tsx';
import { PromotionPage } from './PromotionPage.tsx';

/** Grade reports and promotion, under the signed-in layout. */
export function progressRoutes<P extends AnyRoute>(parent: P) {
  const page = <T extends string>(path: T, component: () => React.ReactNode) =>
    createRoute({ getParentRoute: () => parent, path, component });
  return [page('/reports/grades', GradeReportPage), page('/promotion', PromotionPage)] as const;
}
