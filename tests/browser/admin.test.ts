import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  adminApi,
  adminCredentials,
  apiSignIn,
  baseUrl,
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
const lang = 'kk';

let admin: ApiSession;
beforeAll(async () => {
  admin = await adminApi();
});

async function signInAsAdmin(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto('/sign-in');
  await signInThroughPage(page, lang, adminCredentials().login, adminCredentials().password);
  await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
  return page;
}

async function openFromMenu(page: Page, navKey: string, titleKey: string) {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: exact(t(lang, navKey)) })
    .click();
  await page.getByRole('heading', { level: 1, name: exact(t(lang, titleKey)) }).waitFor();
  await expectNoAxeViolations(page, `${navKey} page`);
}

type ListedUser = {
  id: string;
  login: string;
  surname: string;
  givenName: string;
  activationPending: boolean;
};
async function findUsers(q: string) {
  return admin.call<{ items: ListedUser[]; total: number }>(
    'GET',
    `/api/v1/users?q=${encodeURIComponent(q)}`,
  );
}

describe('administration', () => {
  it('an administrator creates a user and a group nested in another, and puts the user in it', async () => {
    const page = await signInAsAdmin();
    await expectNoAxeViolations(page, 'administrator home page');
    const login = uniq('new');

    // A new user, with an activation code instead of a password.
    await openFromMenu(page, 'nav.users', 'users.title');
    await page
      .getByRole('link', { name: exact(t(lang, 'users.new')) })
      .or(page.getByRole('button', { name: exact(t(lang, 'users.new')) }))
      .click();
    await page.getByRole('heading', { level: 1, name: exact(t(lang, 'users.newTitle')) }).waitFor();
    await expectNoAxeViolations(page, 'new-user form');
    await field(page, t(lang, 'fields.surname')).fill('Әбілқасымова');
    await field(page, t(lang, 'fields.givenName')).fill('Гүлназ');
    await field(page, t(lang, 'fields.login')).fill(login);
    await field(page, t(lang, 'fields.email')).fill(`${login}@example.test`);
    await page.getByRole('button', { name: exact(t(lang, 'users.create')) }).click();
    const created = page.getByRole('status');
    await created.getByText(t(lang, 'users.created', { name: 'Әбілқасымова Гүлназ' })).waitFor();
    expect(((await page.getByTestId('activation-code').textContent()) ?? '').trim()).toMatch(/\S{6,}/);
    await expectNoAxeViolations(page, 'new user created');

    const found = await findUsers(login);
    expect(found.items.map((u) => u.login)).toEqual([login]);
    expect(found.items[0]!.activationPending).toBe(true);

    await created.getByRole('link', { name: t(lang, 'users.openCreated') }).click();
    await page.getByRole('heading', { level: 1, name: exact('Әбілқасымова Гүлназ') }).waitFor();
    await expectNoAxeViolations(page, 'user record');

    // A cohort and, inside it, a subgroup.
    const parentName = `Когорта ${uniq('')}`;
    const childName = `Топша ${uniq('')}`;
    await openFromMenu(page, 'nav.groups', 'groups.title');
    await page.getByRole('button', { name: exact(t(lang, 'groups.addRoot')) }).click();
    const dialog = page.getByRole('dialog', { name: t(lang, 'groups.createRoot') });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'new-group dialog');
    await field(dialog, t(lang, 'groups.code')).fill(uniq('C'));
    await field(dialog, t(lang, 'groups.name')).fill(parentName);
    await dialog.getByRole('button', { name: exact(t(lang, 'common.save')) }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 2, name: exact(parentName) }).waitFor();

    await page.getByRole('button', { name: exact(t(lang, 'groups.addChild')) }).click();
    const childDialog = page.getByRole('dialog', {
      name: t(lang, 'groups.createUnder', { name: parentName }),
    });
    await childDialog.waitFor();
    await expectNoAxeViolations(page, 'new-subgroup dialog');
    await field(childDialog, t(lang, 'groups.code')).fill(uniq('S'));
    await field(childDialog, t(lang, 'groups.name')).fill(childName);
    await childDialog.getByRole('button', { name: exact(t(lang, 'common.save')) }).click();
    await childDialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 2, name: exact(childName) }).waitFor();

    // The tree shows the subgroup inside its parent's item.
    const parentItem = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: parentName }) });
    await parentItem.getByRole('button', { name: childName }).waitFor();
    await expectNoAxeViolations(page, 'groups page with the nested group');

    const groups = await admin.call<{ items: Array<{ id: string; name: string; parentId: string | null }> }>(
      'GET',
      '/api/v1/groups',
    );
    const parent = groups.items.find((g) => g.name === parentName);
    const child = groups.items.find((g) => g.name === childName);
    expect(parent).toBeDefined();
    expect(child?.parentId).toBe(parent?.id);

    // The new user becomes a member of the subgroup.
    await page.getByRole('combobox', { name: t(lang, 'groups.findUsers'), exact: true }).fill(login);
    await page.getByRole('option', { name: new RegExp(login) }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: exact(t(lang, 'groups.addChosen', { count: 1 })) }).click();
    await page.getByRole('cell', { name: login, exact: true }).waitFor();
    await expectNoAxeViolations(page, 'subgroup with its member');
    const member = await admin.call<{ groups: Array<{ id: string }> }>(
      'GET',
      `/api/v1/users/${found.items[0]!.id}`,
    );
    expect(member.groups.map((g) => g.id)).toContain(child!.id);
  });

  it('refuses a CSV import with one bad row: nothing is created and the row is reported with its line', async () => {
    const page = await signInAsAdmin();
    await openFromMenu(page, 'nav.import', 'import.title');
    const logins = [uniq('imp'), uniq('imp'), uniq('imp')];
    const rows = [
      'login,surname,given_name,email,iin',
      `${logins[0]},Сәрсенбаев,Нұрлан,${logins[0]}@example.test,`,
      `${logins[1]},Оспанова,Айгерім,${logins[1]}@example.test,12345`,
      `${logins[2]},Қайратұлы,Бауыржан,${logins[2]}@example.test,`,
    ];
    // Choosing the file through the file picker the button opens, as a person would.
    const upload = async (content: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: t(lang, 'import.file') }).click();
      await (await chooser).setFiles({
        name: 'users.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(content, 'utf8'),
      });
    };

    await upload(`${rows.join('\n')}\n`);
    await page.getByRole('button', { name: exact(t(lang, 'import.check')) }).click();
    const report = page.getByRole('alert').filter({ has: page.getByTestId('import-errors') });
    await report.waitFor();
    await report.getByText(t(lang, 'import.badRowsTitle', { count: 1 })).waitFor();
    await report.getByText(t(lang, 'import.nothingChanged')).waitFor();
    const bodyRows = page.getByTestId('import-errors').locator('tbody').getByRole('row');
    expect(await bodyRows.count()).toBe(1);
    const cells = await bodyRows.first().getByRole('cell').allInnerTexts();
    expect(cells[0]).toBe('3'); // the header is line 1
    expect(cells[1]).toBe('iin');
    // The reason names the IIN, in the interface language.
    expect(cells[2]).toMatch(/ЖСН/);
    // Nothing to confirm: the file is refused.
    expect(
      await page
        .getByRole('button', { name: new RegExp(t(lang, 'import.apply', { rows: 0 }).split('(')[0]!) })
        .count(),
    ).toBe(0);
    await expectNoAxeViolations(page, 'import with a bad row');

    // Applying that file anyway (through the API) changes nothing either.
    const form = new FormData();
    form.append('mode', 'apply');
    form.append('file', new Blob([`${rows.join('\n')}\n`], { type: 'text/csv' }), 'users.csv');
    const res = await fetch(new URL('/api/v1/users/import?mode=apply', baseUrl()), {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: form,
    });
    expect(res.status).toBe(422);
    for (const l of logins) expect((await findUsers(l)).total, l).toBe(0);

    // With the row corrected the file is accepted and every row is created.
    rows[2] = `${logins[1]},Оспанова,Айгерім,${logins[1]}@example.test,`;
    await upload(`${rows.join('\n')}\n`);
    await page.getByRole('button', { name: exact(t(lang, 'import.check')) }).click();
    await page.getByRole('status').getByText(t(lang, 'import.previewOk')).waitFor();
    await expectNoAxeViolations(page, 'import preview');
    for (const l of logins) expect((await findUsers(l)).total, `${l} after preview`).toBe(0);
    await page.getByRole('button', { name: exact(t(lang, 'import.apply', { rows: 3 })) }).click();
    await page.getByText(t(lang, 'import.doneCounts', { created: 3, updated: 0 })).waitFor();
    await expectNoAxeViolations(page, 'import done');
    for (const l of logins) expect((await findUsers(l)).total, `${l} after apply`).toBe(1);
  });

  it('shows the real progress of a 1,000-user import: the rows checked, then the users written by batch', async () => {
    const page = await signInAsAdmin();
    await openFromMenu(page, 'nav.import', 'import.title');
    const prefix = uniq('bulk');
    const rows = Array.from({ length: 1000 }, (_, i) => `${prefix}-${i},Сейітов ${i},Қайрат`);
    // Every state the bar passes through, and what the live region says, as the page shows them.
    await page.evaluate(() => {
      const w = window as unknown as { seen: { phase: string; now: number; text: string }[]; said: string[] };
      w.seen = [];
      w.said = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        const live = document.querySelector('[data-testid="import-progress-label-announce"]');
        const said = live?.textContent ?? '';
        if (said && w.said.at(-1) !== said) w.said.push(said);
        if (!bar) return;
        const entry = {
          phase: bar.getAttribute('data-phase') ?? '',
          now: Number(bar.getAttribute('aria-valuenow')),
          text: bar.getAttribute('aria-valuetext') ?? '',
        };
        const last = w.seen.at(-1);
        if (!last || last.phase !== entry.phase || last.now !== entry.now || last.text !== entry.text)
          w.seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'users.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`login,surname,given_name\n${rows.join('\n')}\n`, 'utf8'),
    });
    await page.getByRole('button', { name: exact(t(lang, 'import.check')) }).click();
    await page.getByRole('status').getByText(t(lang, 'import.previewOk')).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: exact(t(lang, 'import.apply', { rows: 1000 })) }).click();
    await page
      .getByText(t(lang, 'import.doneCounts', { created: 1000, updated: 0 }))
      .waitFor({ timeout: 120_000 });
    await expectNoAxeViolations(page, 'a large import done');

    const { seen, said } = await page.evaluate(() => {
      const w = window as unknown as { seen: { phase: string; now: number; text: string }[]; said: string[] };
      return { seen: w.seen, said: w.said };
    });
    // The phases as drawn: a busy machine may deliver several progress lines in one chunk, and
    // React then draws only the last, so which intermediate states show is not fixed (the API
    // test checks every line the server streams). What is drawn must go forward and end
    // with the users written.
    const phases = seen.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toContain('check');
    expect(phases.at(-1)).toBe('save');
    const saving = seen.filter((s) => s.phase === 'save');
    expect(saving.at(-1)?.now, JSON.stringify(saving)).toBe(100);
    expect(saving.map((s) => s.now)).toEqual([...saving.map((s) => s.now)].sort((a, b) => a - b));
    // Each state's text says the users written that its value shows (batches of 250).
    for (const st of saving) {
      const done = [0, 250, 500, 750, 1000].find((d) => Math.round((d / 1000) * 100) === st.now);
      expect(st.text).toBe(t(lang, 'import.saving', { done: done ?? -1, total: 1000 }));
    }
    // The live region told the phases as they came, the writing among them.
    expect(
      said.some((x) => x.startsWith(t(lang, 'import.saving', { done: 0, total: 1000 }).split(':')[0]!)),
    ).toBe(true);
    expect((await findUsers(`${prefix}-59`)).total).toBeGreaterThan(0);
  });

  it('verifies the ledger, the test attempts and the final results from the audit page, part by part', async () => {
    const page = await signInAsAdmin();
    await openFromMenu(page, 'nav.audit', 'audit.title');
    // What the live regions say while it runs and when it ends.
    await page.evaluate(() => {
      const w = window as unknown as { said: string[] };
      w.said = [];
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[aria-live]')) {
          const text = el.textContent ?? '';
          if (text && w.said.at(-1) !== text) w.said.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: exact(t(lang, 'audit.verify')) }).press('Enter');
    const verdict = page.getByRole('status').filter({ hasText: t(lang, 'audit.verifyOk') });
    await verdict.waitFor({ timeout: 60_000 });
    const parts = verdict.getByTestId('audit-verify-parts').getByRole('listitem');
    for (const part of ['ledger', 'pending', 'attempts', 'results']) {
      const item = parts.filter({ hasText: t(lang, `audit.part.${part}`) });
      await item.getByText(t(lang, 'audit.partOk'), { exact: true }).waitFor();
      expect(await item.first().getAttribute('data-ok')).toBe('true');
    }
    // The verdict is in the user's language (the server's messages).
    await verdict.getByText(/Аудит журналы бүтін/).waitFor();
    await verdict.getByText(/Тест әрекеттері бүтін/).waitFor();
    await expectNoAxeViolations(page, 'the verification verdict');
    const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(
      said.some((x) => x.includes(t(lang, 'audit.verifyOk'))),
      said.join(' | '),
    ).toBe(true);
    // The button is free again for another run.
    expect(await page.getByRole('button', { name: exact(t(lang, 'audit.verify')) }).isEnabled()).toBe(true);
  });

  it('shows a learner the "not allowed" page on every admin page, and the API answers 403', async () => {
    const learner = await createUser({ roles: ['learner'], preferredLanguage: lang });
    const page = await browser.newPage();
    await page.goto('/sign-in');
    await signInThroughPage(page, lang, learner.login, learner.password);
    await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
    // The menu offers no administration.
    expect(
      await page
        .getByRole('navigation')
        .getByRole('link', { name: t(lang, 'nav.users') })
        .count(),
    ).toBe(0);
    expect(await page.getByText(t(lang, 'nav.administration')).count()).toBe(0);
    await expectNoAxeViolations(page, 'learner home page');

    const adminPages = [
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${learner.id}`,
      '/admin/import',
      '/admin/org',
      '/admin/groups',
      '/admin/roles',
      '/admin/outbox',
      '/admin/audit',
    ];
    for (const path of adminPages) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: exact(t(lang, 'errors.notAllowedTitle')) }).waitFor();
      await page.getByText(t(lang, 'errors.notAllowedText')).waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
      await expectNoAxeViolations(page, `"not allowed" at ${path}`);
    }

    // The API refuses the same person with 403, whether the browser or a script asks.
    const session = await apiSignIn(learner.login, learner.password);
    const refused: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/users'],
      ['GET', `/api/v1/users/${learner.id}/deletion-preview`],
      ['POST', '/api/v1/users', { login: uniq('x'), surname: 'А', givenName: 'Б' }],
      ['GET', '/api/v1/admin/outbox'],
      ['GET', '/api/v1/audit'],
      ['POST', '/api/v1/groups', { kind: 'cohort', code: uniq('G'), name: 'X' }],
      ['POST', `/api/v1/users/${learner.id}/roles`, { role: 'system_admin', scopeType: 'system' }],
    ];
    for (const [method, url, body] of refused) {
      const res = await session.request(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    const fromPage = await page.request.get('/api/v1/users');
    expect(fromPage.status()).toBe(403);
  });
});
