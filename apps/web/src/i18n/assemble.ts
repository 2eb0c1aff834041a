/**
 * One language's messages: `<lang>.json` at the top level and every `<area>.<lang>.json`
 * under the key `<area>` (the convention the message check and the browser tests read too).
 */
export function assemble(
  base: Record<string, unknown>,
  areas: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [file, messages] of Object.entries(areas)) {
    const area = /([a-z]+)\.[a-z]{2}\.json$/.exec(file)?.[1];
    if (area) out[area] = messages;
  }
  return out;
}
