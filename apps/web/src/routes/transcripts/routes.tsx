import {
  type AnyRoute,
  createRoute,
  lazyRouteComponent,
  type RouteComponent,
  useParams,
} from '@tanstack/react-router';

// Each page loads when first opened: the app does not ship every area up front.
const LearnerTranscriptPage = lazyRouteComponent(
  () => import('./TranscriptPage.tsx'),
  'LearnerTranscriptPage',
);
const MyTranscriptPage = lazyRouteComponent(() => import('./TranscriptPage.tsx'), 'MyTranscriptPage');

function Staff() {
  const { learnerId } = useParams({ strict: false });
  return <LearnerTranscriptPage key={learnerId} learnerId={learnerId ?? ''} />;
}

/** The transcript: the learner's own, and a learner's from their card in the records area. */
export function transcriptsRoutes<P extends AnyRoute>(parent: P) {
  const page = <T extends string>(path: T, component: RouteComponent) =>
    createRoute({ getParentRoute: () => parent, path, component });
  return [
    page('/my-transcript', MyTranscriptPage),
    page('/records/learners/$learnerId/transcript', Staff),
  ] as const;
}
