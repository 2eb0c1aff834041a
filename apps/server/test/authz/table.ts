import type { Persona, World } from './world.ts';

export type MatrixRequest = {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};

/**
 * One row per registered route ("METHOD /url/:pattern" exactly as registered). A row has
 * one or more cases (e.g. own record / another's); each case builds its request afresh
 * for every persona (so a DELETE has its own victim each time) and says what every
 * persona gets. `others` is the answer for every persona not named.
 */
export type MatrixRow = {
  route: string;
  cases: Array<{
    name: string;
    request: (world: World, persona: Persona) => Promise<MatrixRequest> | MatrixRequest;
    expect: Partial<Record<Persona, number>> & { others: number };
  }>;
};

/** Every signed-in persona gets `signedIn`; anonymous and suspended get 401. */
export function signedInOnly(signedIn: number): MatrixRow['cases'][number]['expect'] {
  return { anonymous: 401, suspended: 401, others: signedIn };
}
