/**
 * The attempt services, one file per responsibility: starting (start.ts), the running
 * attempt's page (view.ts), saving answers (save.ts), submitting and closing overdue attempts
 * (submit.ts, finalize.ts), the review and the learner's list (review.ts).
 */
export { type Attempt, type AttemptRow, expired, loadAttempt } from './common.ts';
export { closeIfOverdue, closeOverdueAttempts } from './finalize.ts';
export { getAttemptReview, listMyAttempts } from './review.ts';
export { saveAnswer } from './save.ts';
export { startAttempt } from './start.ts';
export { submitAttempt } from './submit.ts';
export { getAttempt } from './view.ts';
