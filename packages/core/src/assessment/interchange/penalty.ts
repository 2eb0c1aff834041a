/**
 * A wrong choice's negative weight as the bank's penalty. The bank's default penalty is
 * one right option's share, so a weight equal to it is left as the default.
 */
export function penaltyOf(negative: number[], rightCount: number): { penalty?: number } {
  if (negative.length === 0) return { penalty: 0 };
  const p = Math.min(1, Math.max(...negative.map((f) => -f)));
  return rightCount > 0 && Math.abs(p - 1 / rightCount) < 0.001 ? {} : { penalty: p };
}
