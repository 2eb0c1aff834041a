import { describe, expect, it } from 'vitest';
import {
  adminApi,
  createUser,
  exact,
  expectNoAxeViolations,
  field,
  setUpBrowser,
  signInThroughPage,
  t,
  uniq,
} from './support.ts';

const browser = setUpBrowser();

type Outbox = { items: Array<{ to: string; text: string }> };

describe('changing one’s e-mail address', () => {
  it('keeps the old address until the user opens the link mailed to the new one', async () => {
    const user = await createUser({ preferredLanguage: 'en' });
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, 'kk', user.login, user.password);
    await page.getByRole('heading', { name: exact(t('en', 'home.title')) }).waitFor();

    await page.goto('/account');
    await page.getByRole('heading', { name: exact(t('en', 'account.title')) }).waitFor();
    const next = `${uniq('new')}@example.test`;
    const email = field(page, t('en', 'fields.email'));
    await email.fill(next);
    await email.press('Enter');
    // The notice is announced; the field keeps the address in use and says what is pending.
    await page.getByText(t('en', 'account.pendingEmailSent', { email: next })).waitFor();
    const pending = t('en', 'account.pendingEmail', { email: next });
    await page.getByText(pending).waitFor();
    expect(await email.inputValue()).toBe(user.email);
    expect(await email.getAttribute('aria-describedby')).toBeTruthy();
    await expectNoAxeViolations(page, 'profile with a pending address');

    const admin = await adminApi();
    const mails = await admin.call<Outbox>('GET', `/api/v1/admin/outbox?to=${encodeURIComponent(next)}`);
    const link = /https?:\/\/\S+\/confirm-email\?token=[A-Za-z0-9_-]+/.exec(mails.items[0]!.text)![0];

    // Opening the link changes nothing until the user confirms with the button.
    await page.goto(link);
    await page.getByRole('heading', { name: exact(t('en', 'confirmEmail.title')) }).waitFor();
    await expectNoAxeViolations(page, 'confirm e-mail page');
    await page.getByRole('button', { name: exact(t('en', 'confirmEmail.submit')) }).press('Enter');
    await page.getByRole('status').getByText(t('en', 'confirmEmail.done')).waitFor();
    await expectNoAxeViolations(page, 'confirm e-mail page when done');

    await page.goto('/account');
    await page.getByRole('heading', { name: exact(t('en', 'account.title')) }).waitFor();
    expect(await field(page, t('en', 'fields.email')).inputValue()).toBe(next);
    expect(await page.getByText(pending).count()).toBe(0);

    // The link works once: opened again, the error is shown in the interface language.
    await page.goto(link);
    await page.getByRole('button', { name: exact(t('en', 'confirmEmail.submit')) }).click();
    await page.getByRole('alert').waitFor();
    await expectNoAxeViolations(page, 'confirm e-mail page with a used link');
  });
});
