import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../apps/server/src/modules/auth/messages.ts';
import { t as serverText } from '../../apps/server/src/platform/i18n.ts';
import {
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  field,
  LANGS,
  type Lang,
  setUpBrowser,
  signInThroughPage,
  t,
} from './support.ts';

const browser = setUpBrowser();
const languageNames: Record<Lang, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

// One person per language, whose profile prefers that language: after sign-in the
// interface follows the profile, so each case checks one language end to end.
const users = {} as Record<Lang, CreatedUser>;
let user: CreatedUser;
beforeAll(async () => {
  for (const lang of LANGS) {
    users[lang] = await createUser({ surname: 'Жұмабаев', givenName: 'Ерлан', preferredLanguage: lang });
  }
  user = users.kk;
});

/** Chooses a language with the switcher at the top of the page. */
async function switchLanguage(page: Page, from: Lang, to: Lang) {
  await page
    .getByRole('button', { name: t(from, 'language.label', { language: languageNames[from] }) })
    .click();
  await page.getByRole('menuitem', { name: languageNames[to] }).click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/** Presses Tab until the element has the focus (a keyboard user's way there). */
async function tabTo(page: Page, locator: Locator, maxPresses = 15) {
  for (let i = 0; i < maxPresses; i++) {
    if (await isFocused(locator)) return;
    await page.keyboard.press('Tab');
  }
  expect(await isFocused(locator), 'reached the element with the Tab key').toBe(true);
}

describe('sign-in', () => {
  for (const lang of LANGS) {
    it(`signs in with the interface in ${lang}`, async () => {
      const page = await browser.newPage();
      await page.goto('/');
      // A visitor lands on the sign-in page, in Kazakh by default.
      await page.waitForURL(/\/sign-in/);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
      await page.getByRole('heading', { name: exact(t('kk', 'signIn.title')) }).waitFor();
      await expectNoAxeViolations(page);

      if (lang !== 'kk') {
        await switchLanguage(page, 'kk', lang);
        await page.getByRole('heading', { name: exact(t(lang, 'signIn.title')) }).waitFor();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
        for (const key of ['signIn.intro', 'signIn.forgot', 'app.universityName']) {
          expect(await page.getByText(t(lang, key), { exact: true }).count(), key).toBeGreaterThan(0);
          expect(await page.getByText(t('kk', key), { exact: true }).count(), key).toBe(0);
        }
        await expectNoAxeViolations(page, `sign-in page in ${lang}`);
      }
      // Texts of the component library are translated too, not left in English.
      const untranslated = await page.getByRole('button', { name: 'Toggle password visibility' }).count();

      // Validation messages come in the chosen language too.
      await page.getByRole('button', { name: exact(t(lang, 'signIn.submit')) }).click();
      expect(await page.getByText(t(lang, 'validation.required'), { exact: true }).count()).toBe(2);
      await expectNoAxeViolations(page, `sign-in page in ${lang} with empty fields`);

      await signInThroughPage(page, lang, users[lang].login, users[lang].password);
      await page.getByText(t(lang, 'home.welcome', { name: 'Жұмабаев Ерлан' }), { exact: true }).waitFor();
      await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
      await expectNoAxeViolations(page, `home page in ${lang}`);
      if (lang !== 'en') expect(untranslated, 'English label of the password visibility button').toBe(0);
    });
  }

  it('says the login or password is wrong, in the chosen language, and stays on the page', async () => {
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await switchLanguage(page, 'kk', 'ru');
    await signInThroughPage(page, 'ru', user.login, `${user.password}-wrong`);
    const alert = page.getByRole('alert');
    await alert.getByText(serverText('ru', 'auth.invalidCredentials')).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // The wrong password is cleared so the next try starts clean.
    expect(await field(page, t('ru', 'fields.password')).inputValue()).toBe('');
    await expectNoAxeViolations(page, 'sign-in page with the wrong-password message');

    // An unknown login gets the very same message.
    await signInThroughPage(page, 'ru', `nobody${user.login}`, 'Whatever-password-1');
    await alert.getByText(serverText('ru', 'auth.invalidCredentials')).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs in with the keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto('/sign-in');
    const login = field(page, t('kk', 'fields.login'));
    const password = field(page, t('kk', 'fields.password'));
    await login.waitFor();
    await expectNoAxeViolations(page);

    await tabTo(page, login);
    await page.keyboard.type(user.login);
    await tabTo(page, password, 3);
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: exact(t('kk', 'home.title')) }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expectNoAxeViolations(page, 'home page after keyboard sign-in');

    // The skip link is the first stop and moves the focus to the main content.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: t('kk', 'layout.skipToContent') });
    expect(await isFocused(skip)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});
