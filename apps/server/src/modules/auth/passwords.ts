import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import * as common from '@zxcvbn-ts/language-common';

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
export const ARGON2 = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Each argon2 run holds 19 MiB. More runs at once than the machine has cores finish no sooner,
 * but hold more memory (the thread pool runs four): a burst of sign-ins waits here instead.
 */
const maxRunning = Math.max(1, Math.min(4, os.availableParallelism()));
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= maxRunning) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2));
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Same work as a real check, so timing does not tell unknown logins from wrong passwords.
    await limited(() => hash(password, ARGON2));
    return false;
  }
  try {
    return await limited(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

let commonPasswords: Set<string> | undefined;
function commonList(): Set<string> {
  if (!commonPasswords) {
    // ~49,000 most common passwords from leaked-password corpora.
    const dict = (common.dictionary as Record<string, readonly string[]>)['passwords-common'] ?? [];
    commonPasswords = new Set(dict.map((p) => p.toLowerCase()));
  }
  return commonPasswords;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Message key of the first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password.tooShort';
  const lower = password.toLowerCase();
  if (commonList().has(lower)) return 'password.common';
  if (/^(.)\1+$/.test(password)) return 'password.common';
  if (personal.some((p) => p && p.length >= 3 && lower.includes(p.toLowerCase()))) return 'password.personal';
  return null;
}
