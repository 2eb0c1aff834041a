import { type AnyRoute, createRoute, useParams } from '@tanstack/react-router';
import { LearnerTranscriptPage, MyTranscriptPage } from './TranscriptPage.tsx';

function Staff() {
  const { learnerId } = useParams({ strict: false });
  return <LearnerTranscriptPage key={learnerId} learnerId={learnerId ?? ''} />;
}

/** The transcript: the learner's own, and a learner's from their card in the records area. */
export function transcriptsRoutes<P extends AnyRoute>(parent: P) {
  const page = <T extends string>(path: T, component: () => React.ReactNode) =>
    createRoute({ getParentRoute: () => parent, path, component });
  return [
    page('/my-transcript', MyTranscriptPage),
    page('/records/learners/$learnerId/transcript', Staff),
  ] as const;
}
