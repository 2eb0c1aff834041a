import { describe, expect, it } from 'vitest';
import '../../apps/server/src/modules/auth/messages.ts';
import { t as serverText } from '../../apps/server/src/platform/i18n.ts';
import {
  adminCredentials,
  apiRequest,
  apiSignIn,
  createUser,
  exact,
  expectNoAxeViolations,
  field,
  newPassword,
  setUpBrowser,
  signInThroughPage,
  t,
} from './support.ts';

const browser = setUpBrowser();

describe('passwords', () => {
  it('makes a user whose password an administrator set change it before anything else', async () => {
    const user = await createUser({ mustChangePassword: true, preferredLanguage: 'kk' });
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, 'kk', user.login, user.password);

    await page.waitForURL(/\/change-password$/);
    await page.getByRole('heading', { name: exact(t('kk', 'changePassword.forcedTitle')) }).waitFor();
    await expectNoAxeViolations(page, 'forced password change');

    // Every other page leads back here until the password is changed.
    await page.goto('/account');
    await page.waitForURL(/\/change-password$/);
    await page.getByRole('heading', { name: exact(t('kk', 'changePassword.forcedTitle')) }).waitFor();

    // A repeat that does not match is refused in the form.
    const fresh = newPassword();
    await field(page, t('kk', 'fields.currentPassword')).fill(user.password);
    await field(page, t('kk', 'fields.newPassword')).fill(fresh);
    await field(page, t('kk', 'fields.repeatPassword')).fill(`${fresh}x`);
    await page.getByRole('button', { name: exact(t('kk', 'changePassword.submit')) }).click();
    await page.getByText(t('kk', 'password.mismatch')).waitFor();
    await expectNoAxeViolations(page, 'forced password change with a mismatch');

    await field(page, t('kk', 'fields.repeatPassword')).fill(fresh);
    await page.getByRole('button', { name: exact(t('kk', 'changePassword.submit')) }).click();
    await page.getByRole('heading', { name: exact(t('kk', 'home.title')) }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expectNoAxeViolations(page, 'home page after the password change');

    // The old password no longer opens the account; the new one does, with nothing pending.
    const old = await apiRequest('POST', '/api/v1/auth/login', {
      body: { login: user.login, password: user.password },
    });
    expect(old.status).toBe(401);
    const session = await apiSignIn(user.login, fresh);
    expect(session.user.mustChangePassword).toBe(false);
  });

  it('resets a forgotten password through the link an administrator finds in the mail outbox', async () => {
    const user = await createUser({ preferredLanguage: 'ru', surname: 'Ахметова', givenName: 'Дана' });

    // The user asks for a reset on the sign-in page.
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: t('kk', 'signIn.forgot') }).click();
    await page.getByRole('heading', { name: exact(t('kk', 'forgot.title')) }).waitFor();
    await expectNoAxeViolations(page, 'forgotten-password page');
    await field(page, t('kk', 'forgot.loginOrEmail')).fill(user.login);
    await page.getByRole('button', { name: exact(t('kk', 'forgot.submit')) }).click();
    await page.getByRole('status').getByText(t('kk', 'forgot.sent')).waitFor();
    await expectNoAxeViolations(page, 'forgotten-password page after sending');

    // The administrator reads the mail in the outbox (no SMTP is configured).
    const admin = await browser.newPage();
    await admin.goto('/sign-in');
    await signInThroughPage(admin, 'kk', adminCredentials().login, adminCredentials().password);
    await admin.getByRole('heading', { name: exact(t('kk', 'home.title')) }).waitFor();
    await admin
      .getByRole('navigation')
      .getByRole('link', { name: exact(t('kk', 'nav.outbox')) })
      .click();
    await admin.getByRole('heading', { name: exact(t('kk', 'outbox.title')) }).waitFor();
    await field(admin, t('kk', 'outbox.to')).fill(user.email);
    // The mail is in the user's own language.
    const subject = serverText('ru', 'auth.resetMail.subject');
    const row = admin.getByRole('row').filter({ hasText: user.email });
    await row.getByRole('link', { name: subject }).waitFor();
    expect(await admin.getByRole('row').filter({ hasText: user.email }).count()).toBe(1);
    await expectNoAxeViolations(admin, 'mail outbox');
    await row.getByRole('link', { name: subject }).click();
    await admin.getByRole('heading', { name: exact(subject) }).waitFor();
    const link = admin.getByTestId('mail-body').getByRole('link', { name: /\/reset-password\?token=/ });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=/);
    await expectNoAxeViolations(admin, 'outbox message');

    // The user opens the link and sets a new password.
    await page.goto(href!);
    await page.getByRole('heading', { name: exact(t('kk', 'reset.title')) }).waitFor();
    await expectNoAxeViolations(page, 'reset-password page');
    const fresh = newPassword();
    await field(page, t('kk', 'fields.newPassword')).fill(fresh);
    await field(page, t('kk', 'fields.repeatPassword')).fill(fresh);
    await page.getByRole('button', { name: exact(t('kk', 'reset.submit')) }).click();
    await page.getByRole('status').getByText(t('kk', 'reset.done')).waitFor();
    await expectNoAxeViolations(page, 'reset-password page when done');

    // The link works once only.
    const again = await apiRequest('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token: new URL(href!).searchParams.get('token'), newPassword: newPassword() },
    });
    expect(again.status).toBeGreaterThanOrEqual(400);

    // The old password is refused; the new one signs in.
    await page.getByRole('link', { name: t('kk', 'forgot.back') }).click();
    await signInThroughPage(page, 'kk', user.login, user.password);
    await page.getByRole('alert').getByText(serverText('kk', 'auth.invalidCredentials')).waitFor();
    await signInThroughPage(page, 'kk', user.login, fresh);
    // After sign-in the interface follows the profile's language (Russian here).
    await page.getByRole('heading', { name: exact(t('ru', 'home.title')) }).waitFor();
    await expectNoAxeViolations(page, 'home page after the reset');
  });
});
