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

/** Accepts the current code and one step either side (clock drift of phones). */
export function totpCodeValid(secretBase32: string, code: string): boolean {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  return totp(secretBase32, 'check').validate({ token, window: 1 }) !== null;
}

/** For tests and the demo: the code an authenticator shows now. */
export function currentTotpCode(secretBase32: string): string {
  return totp(secretBase32, 'check').generate();
}
