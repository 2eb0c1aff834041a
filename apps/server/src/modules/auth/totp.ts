import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'KATU DL';

function totp(secretBase32: string, label: string) {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new 160-bit secret, base32 as authenticator apps expect it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function totpEnrolment(secretBase32: string, login: string) {
  const otpauthUrl = totp(secretBase32, login).toString();
  const [qrSvg, qrDataUrl] = await Promise.all([
    QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2 }),
  ]);
  return { secret: secretBase32, otpauthUrl, qrSvg, qrDataUrl };
}

const PERIOD_MS = 30_000;

/**
 * The 30-second time step a code belongs to, accepting the current step and one either
 * side (clock drift of phones); null for a wrong code.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32, 'check').validate({ token, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
}

export function totpCodeValid(secretBase32: string, code: string): boolean {
  return totpStep(secretBase32, code) !== null;
}

/** For tests and the demo: the code an authenticator shows now. */
export function currentTotpCode(secretBase32: string): string {
  return totp(secretBase32, 'check').generate();
}
