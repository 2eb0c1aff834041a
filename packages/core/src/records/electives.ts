/**
 * Elective registration (R-PRG-3): within each elective block the learner picks exactly
 * the number the block asks for ("choose N of M"), only from that block, within the
 * registration window.
 */

export type ElectiveOption = { entryId: string; block: string };
export type BlockRule = { block: string; choose: number };

export type ElectiveProblem =
  | { code: 'notAnElective'; entryId: string }
  | { code: 'duplicate'; entryId: string }
  | { code: 'wrongCount'; block: string; choose: number; chosen: number };

export function checkElectiveChoice(
  options: readonly ElectiveOption[],
  rules: readonly BlockRule[],
  chosen: readonly string[],
): ElectiveProblem[] {
  const problems: ElectiveProblem[] = [];
  const byId = new Map(options.map((o) => [o.entryId, o]));
  const seen = new Set<string>();
  const perBlock = new Map<string, number>();
  for (const id of chosen) {
    if (seen.has(id)) {
      problems.push({ code: 'duplicate', entryId: id });
      continue;
    }
    seen.add(id);
    const o = byId.get(id);
    if (!o) {
      problems.push({ code: 'notAnElective', entryId: id });
      continue;
    }
    perBlock.set(o.block, (perBlock.get(o.block) ?? 0) + 1);
  }
  const blocks = [...new Set(options.map((o) => o.block))].sort();
  for (const block of blocks) {
    const offered = options.filter((o) => o.block === block).length;
    const rule = rules.find((r) => r.block === block);
    const choose = Math.min(rule?.choose ?? 1, offered);
    const n = perBlock.get(block) ?? 0;
    if (n !== choose) problems.push({ code: 'wrongCount', block, choose, chosen: n });
  }
  return problems;
}

/** Calendar days as YYYY-MM-DD compare as strings. */
export function windowOpen(window: { opensOn: string; closesOn: string } | null, today: string): boolean {
  return window !== null && window.opensOn <= today && today <= window.closesOn;
}
