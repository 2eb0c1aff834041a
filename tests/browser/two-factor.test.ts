import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import '../../apps/server/src/modules/auth/messages.ts';
import { t as serverText } from '../../apps/server/src/platform/i18n.ts';
import {
  apiRequest,
  createUser,
  exact,
  expectNoAxeViolations,
  field,
  setUpBrowser,
  signInThroughPage,
  t,
} from './support.ts';

const browser = setUpBrowser();

/** What an authenticator app would show, `stepsAhead` 30-second steps from now. */
function totpCode(secret: string, stepsAhead = 0): string {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '')),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

describe('two-factor sign-in', () => {
  it('is turned on in the security page and then asked for at sign-in', async () => {
    const lang = 'en';
    const user = await createUser({ preferredLanguage: lang });
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, 'kk', user.login, user.password);
    await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();

    // Profile and security → Security → turn on.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: exact(t(lang, 'nav.account')) })
      .click();
    await page.getByRole('heading', { name: exact(t(lang, 'account.title')) }).waitFor();
    await expectNoAxeViolations(page, 'profile page');
    await page.getByRole('tab', { name: exact(t(lang, 'account.security')) }).click();
    await page.getByText(t(lang, 'totp.off')).waitFor();
    await expectNoAxeViolations(page, 'security tab');
    await page.getByRole('button', { name: exact(t(lang, 'totp.enable')) }).click();
    await page.getByRole('button', { name: exact(t(lang, 'totp.start')) }).click();
    await page.getByRole('img', { name: t(lang, 'totp.qrAlt') }).waitFor();
    const shown = await page
      .locator('p', { hasText: t(lang, 'totp.secret') })
      .locator('code')
      .textContent();
    const secret = (shown ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7 ]{16,}$/);
    await expectNoAxeViolations(page, 'two-factor setup with the QR code');

    // A wrong code is refused and nothing is turned on.
    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    await field(page, t(lang, 'totp.code')).fill(wrong);
    await page.getByRole('button', { name: exact(t(lang, 'totp.confirm')) }).click();
    await page.getByRole('alert').getByText(serverText(lang, 'auth.totpInvalidCode')).waitFor();
    await expectNoAxeViolations(page, 'two-factor setup with a wrong code');

    await field(page, t(lang, 'totp.code')).fill(totpCode(secret));
    await page.getByRole('button', { name: exact(t(lang, 'totp.confirm')) }).click();
    const codes = page.getByRole('list', { name: t(lang, 'totp.recoveryCodes') }).getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBeGreaterThanOrEqual(8);
    await expectNoAxeViolations(page, 'recovery codes');
    await page.getByRole('button', { name: exact(t(lang, 'totp.saved')) }).click();
    await page.getByText(t(lang, 'totp.on')).waitFor();
    await expectNoAxeViolations(page, 'security tab with two-factor on');

    // The password alone no longer opens a session.
    const passwordOnly = await apiRequest('POST', '/api/v1/auth/login', {
      body: { login: user.login, password: user.password },
    });
    expect(passwordOnly.status).toBe(401);

    // Sign-in on another browser asks for the code after the password.
    const other = await browser.newPage();
    await other.goto('/sign-in');
    await signInThroughPage(other, 'kk', user.login, user.password);
    const codeField = field(other, t('kk', 'signIn.totp'));
    await codeField.waitFor();
    await other.getByRole('alert').getByText(serverText('kk', 'auth.totpRequired')).waitFor();
    expect(new URL(other.url()).pathname).toBe('/sign-in');
    await expectNoAxeViolations(other, 'sign-in page asking for the code');
    // The next step's code: the one used to confirm the setup cannot be used again.
    await codeField.fill(totpCode(secret, 1));
    await other.getByRole('button', { name: exact(t('kk', 'signIn.submit')) }).click();
    await other.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
    expect(new URL(other.url()).pathname).toBe('/');
    await expectNoAxeViolations(other, 'home page after two-factor sign-in');
  });
});
