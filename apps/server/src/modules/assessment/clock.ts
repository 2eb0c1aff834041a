/**
 * The test engine's notion of now. Deadlines are judged by the server's clock only; tests
 * move it to cross deadlines without waiting.
 */
export const clock = {
  now: (): Date => new Date(),
};

/**
 * Saves already in flight when the deadline passes are still accepted for this long:
 * `ASSESSMENT_SAVE_GRACE_SECONDS` (default 30, README's configuration table).
 */
export const saveGraceMs = (ctx: { config: { assessmentSaveGraceSec: number } }): number =>
  ctx.config.assessmentSaveGraceSec * 1000;
