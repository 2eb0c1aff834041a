import fs from 'node:fs';
import { unzlibSync } from 'fflate';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  apiSignIn,
  type CreatedUser,
  createUser,
  exact,
  expectNoAxeViolations,
  setUpBrowser,
  signInThroughPage,
  t,
  uniq,
} from './support.ts';
import { teachingWorld } from './worlds.ts';

const browser = setUpBrowser();
const lang = 'kk';

let world: {
  offeringId: string;
  disciplineId: string;
  teacher: CreatedUser;
  reviewer: CreatedUser;
  learner: CreatedUser;
};

beforeAll(async () => {
  const w = await teachingWorld({
    discipline: { kk: 'Топырақтану', ru: 'Почвоведение', en: 'Soil Science' },
    controlActivities: [
      { kind: 'rk1', title: 'РК1', dueWeek: 7 },
      { kind: 'rk2', title: 'РК2', dueWeek: 14 },
    ],
    learners: [['Оспанова', 'Гүлназ']],
    teacher: { surname: 'Жақсыбеков', givenName: 'Ерлан' },
  });
  const { departmentId, entry, teacher, offering: o } = w;
  const learner = w.learners[0];
  const reviewer = await createUser({
    surname: 'Сәрсенова',
    givenName: 'Айгүл',
    roles: [{ code: 'reviewer', scopeType: 'org_unit', scopeId: departmentId }],
  });
  world = { offeringId: o.id, disciplineId: entry.disciplineId, teacher, reviewer, learner: learner! };
});

async function signedIn(user: CreatedUser): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message, e.stack));
  page.on(
    'console',
    (m) =>
      (m.type() === 'error' || m.type() === 'warning') && console.log('CONSOLE', m.text().slice(0, 3000)),
  );
  await page.goto('/sign-in');
  await signInThroughPage(page, lang, user.login, user.password);
  await page.getByRole('heading', { name: exact(t(lang, 'home.title')) }).waitFor();
  return page;
}

/** A small PDF of a few pages, as a teacher would upload it. */
async function lecturePdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    doc
      .addPage([595, 842])
      .drawText(`Soil science, lecture notes, page ${i}`, { x: 50, y: 780, size: 14, font });
  }
  return Buffer.from(await doc.save());
}

/** Text drawn with an embedded font (as the watermark is), read back through its ToUnicode map. */
async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const streams: string[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const filter = obj.dict.get(PDFName.of('Filter'));
    const raw = filter?.toString() === '/FlateDecode' ? unzlibSync(obj.contents) : obj.contents;
    streams.push(Buffer.from(raw).toString('latin1'));
  }
  const map = new Map<string, string>();
  for (const s of streams.filter((x) => x.includes('beginbfchar'))) {
    for (const m of s.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
      const u = m[2]!
        .match(/.{4}/g)!
        .map((h) => String.fromCharCode(Number.parseInt(h, 16)))
        .join('');
      map.set(m[1]!.toLowerCase(), u);
    }
  }
  let out = '';
  for (const s of streams) {
    for (const m of s.matchAll(/<([0-9a-fA-F]+)>\s*Tj/g)) {
      out += m[1]!
        .match(/.{4}/g)!
        .map((g) => map.get(g.toLowerCase()) ?? '?')
        .join('');
    }
  }
  return out;
}

/** Opens a Mantine select by its label and picks an option. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope
    .getByRole('textbox', { name: label })
    .or(scope.getByRole('combobox', { name: label }))
    .click();
  await page.getByRole('option', { name: exact(option) }).click();
}

/** The editor's "add section" dialog: kind and the Kazakh title. */
async function addSection(page: Page, kind: 'syllabus' | 'week', title: string) {
  await page.getByRole('button', { name: exact(t(lang, 'content.editor.addSection')) }).click();
  const dialog = page.getByRole('dialog', { name: t(lang, 'content.editor.addSection') });
  await choose(page, dialog, t(lang, 'content.editor.sectionKind'), t(lang, `content.sectionKind.${kind}`));
  await dialog.getByLabel(t(lang, 'content.editor.titleIn.kk')).fill(title);
  await dialog.getByRole('button', { name: exact(t(lang, 'common.save')) }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { name: exact(title) }).waitFor();
}

/** Opens the "add material" dialog of a section and picks the kind. */
async function newMaterial(page: Page, sectionTitle: string, kind: string): Promise<Locator> {
  await page
    .getByRole('button', { name: t(lang, 'content.editor.addMaterialTo', { title: sectionTitle }) })
    .click();
  const dialog = page.getByRole('dialog', { name: t(lang, 'content.editor.addMaterial') });
  await choose(page, dialog, t(lang, 'content.form.kind'), t(lang, `content.kind.${kind}`));
  return dialog;
}

async function saveMaterial(page: Page, dialog: Locator, title: string) {
  await dialog.getByRole('button', { name: exact(t(lang, 'content.form.saveDraft')) }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name: exact(title) }).waitFor();
}

/** The reviewer approves a material from the review queue. */
async function approveFromQueue(page: Page, title: string) {
  await page.goto('/content/reviews');
  await page.getByRole('heading', { name: exact(t(lang, 'content.reviews.title')) }).waitFor();
  await page.getByRole('link', { name: exact(title) }).click();
  await page.getByRole('heading', { name: exact(title), level: 1 }).waitFor();
  await page.getByRole('radio', { name: t(lang, 'content.reviews.approve') }).check();
  await page.getByRole('button', { name: exact(t(lang, 'content.reviews.send')) }).click();
  await page
    .getByText(exact(t(lang, 'content.status.approved')))
    .first()
    .waitFor();
}

const SYLLABUS = 'Силлабус';
const WEEK = '1-апта. Топырақтың түзілуі';
const PAGE = 'Дәріс: топырақ түзілу факторлары';
const PDF_TITLE = 'Дәріс конспектісі (PDF)';
const LINK = 'Қосымша әдебиет';
const ABOUT = 'Пән туралы';

describe('electronic course content', () => {
  it('a teacher builds a week with a page, a PDF and a link, a reviewer approves, a learner accepts the terms and downloads the watermarked PDF', async () => {
    // The teacher opens the course and the complex editor from it.
    const teacher = await signedIn(world.teacher);
    await teacher.goto(`/courses/${world.offeringId}`);
    await teacher.getByText(t(lang, 'content.course.empty')).waitFor();
    await expectNoAxeViolations(teacher, 'course page, teacher, empty');
    await teacher.getByRole('link', { name: exact(t(lang, 'content.course.editComplex')) }).click();
    await teacher.getByRole('heading', { name: exact(t(lang, 'content.editor.title')) }).waitFor();
    await teacher.getByText(t(lang, 'content.editor.empty')).waitFor();
    await expectNoAxeViolations(teacher, 'complex editor, empty');

    await addSection(teacher, 'syllabus', SYLLABUS);
    await addSection(teacher, 'week', WEEK);

    // The syllabus: a rich-text page, typed into the visual editor.
    let dialog = await newMaterial(teacher, SYLLABUS, 'page');
    await dialog.getByLabel(t(lang, 'content.form.title')).fill(ABOUT);
    await dialog
      .getByRole('textbox', { name: exact(t(lang, 'content.form.text')) })
      .fill('Пән топырақтың түзілуін, құрамын және қасиеттерін қарастырады.');
    await saveMaterial(teacher, dialog, ABOUT);

    // The week: a page built in the visual editor by keyboard alone: a heading, bold text, a
    // list, a table, a link and a formula written in the formula dialog.
    dialog = await newMaterial(teacher, WEEK, 'page');
    await dialog.getByLabel(t(lang, 'content.form.title')).fill(PAGE);
    const text = dialog.getByRole('textbox', { name: exact(t(lang, 'content.form.text')) });
    await expectNoAxeViolations(teacher, 'new material dialog with the visual editor');
    const control = (key: string) =>
      dialog.getByRole('button', { name: exact(t(lang, `editor.controls.${key}`)) });
    /** A toolbar button reached and pressed from the keyboard; the editor takes the focus back. */
    const press = async (key: string, refocus = true) => {
      await control(key).focus();
      await teacher.keyboard.press('Enter');
      if (refocus)
        await expect.poll(() => text.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    };
    await text.focus();
    await teacher.keyboard.press('Control+Alt+2');
    await teacher.keyboard.type('Топырақ түзілу факторлары');
    await teacher.keyboard.press('Enter');
    await teacher.keyboard.press('Control+b');
    await teacher.keyboard.type('Бес фактор');
    await teacher.keyboard.press('Control+b');
    await teacher.keyboard.type(' топырақтың қасиеттерін анықтайды:');
    await teacher.keyboard.press('Enter');
    await press('bulletList');
    for (const item of ['аналық тау жынысы', 'климат', 'тірі организмдер']) {
      await teacher.keyboard.type(item);
      await teacher.keyboard.press('Enter');
    }
    await teacher.keyboard.press('Enter');
    await press('table');
    for (const cell of ['Фактор', 'Әсері', 'Мысал', 'Климат', 'Ылғал мен жылу', 'Қара топырақ']) {
      await teacher.keyboard.type(cell);
      await teacher.keyboard.press('Tab');
    }
    await expect.poll(() => text.locator('th').count()).toBe(3);
    // In a table the toolbar offers rows and columns.
    await control('rowAfter').waitFor();
    await expectNoAxeViolations(teacher, 'visual editor in a table');
    await teacher.keyboard.press('Control+End');
    await teacher.keyboard.type('ҚазАТУ сайты');
    await teacher.keyboard.press('Shift+Home');
    await teacher.keyboard.press('Control+k');
    const address = teacher.getByRole('textbox', { name: exact(t(lang, 'editor.controls.linkInput')) });
    // An address that cannot be a link is refused out loud, and nothing is linked.
    await address.fill('javascript:alert(1)');
    await address.press('Enter');
    await teacher.getByText(t(lang, 'editor.linkRefused', { href: 'javascript:alert(1)' })).waitFor();
    expect(await text.locator('a').count()).toBe(0);
    // A bare site name becomes an https link.
    await text.focus();
    await teacher.keyboard.press('Control+End');
    await teacher.keyboard.press('Shift+Home');
    await teacher.keyboard.press('Control+k');
    await address.fill('kazatu.edu.kz/');
    await expectNoAxeViolations(teacher, 'link address field of the editor');
    await address.press('Enter');
    await text.locator('a[href="https://kazatu.edu.kz/"]').waitFor();
    // Back in the text after the link (the link's text is left selected): End goes past it.
    type WithEditor = HTMLElement & { editor: { state: { selection: { empty: boolean } } } };
    await expect
      .poll(async () => {
        if (!(await text.evaluate((el) => el === document.activeElement))) await text.focus();
        await teacher.keyboard.press('End');
        return text.evaluate(
          (el) => el === document.activeElement && (el as WithEditor).editor.state.selection.empty,
        );
      })
      .toBe(true);
    await teacher.keyboard.press('Enter');
    await teacher.keyboard.type('Гумус қоры: ');
    await press('formula', false);
    const formulaDialog = teacher.getByRole('dialog', { name: t(lang, 'editor.formula.insertTitle') });
    const latex = formulaDialog.getByRole('textbox', { name: t(lang, 'editor.formula.latex') });
    await latex.fill('G = h \\cdot d \\cdot C');
    await formulaDialog.locator('.katex').waitFor();
    await expectNoAxeViolations(teacher, 'formula dialog');
    await latex.press('Enter');
    await formulaDialog.waitFor({ state: 'hidden' });
    await text.locator('.katex').waitFor();
    await teacher.keyboard.type(' (т/га), қысқаша \\(G_1\\)');
    // Typed between \( and \), LaTeX becomes a formula too.
    await expect.poll(() => text.locator('.katex').count()).toBe(2);
    // A picture by its address, only with a description and from https or this site.
    await teacher.keyboard.press('Enter');
    await press('image', false);
    const picture = teacher.getByRole('dialog', { name: t(lang, 'editor.image.title') });
    const pictureAddress = picture.getByRole('textbox', { name: t(lang, 'editor.image.url') });
    await pictureAddress.fill('http://kazatu.edu.kz/images/logo.png');
    const pictureAlt = picture.getByRole('textbox', { name: t(lang, 'editor.image.alt') });
    await pictureAlt.fill('ҚазАТУ логотипі');
    await pictureAlt.press('Enter');
    await picture.getByText(t(lang, 'editor.image.badUrl')).waitFor();
    await pictureAddress.fill('https://kazatu.edu.kz/images/logo.png');
    await expectNoAxeViolations(teacher, 'picture dialog of the editor');
    await pictureAlt.press('Enter');
    await picture.waitFor({ state: 'hidden' });
    await text.getByRole('img', { name: 'ҚазАТУ логотипі' }).waitFor();

    // The preview refreshes by itself and shows the page as learners will get it.
    const preview = dialog.getByRole('region', { name: t(lang, 'editor.preview.title') });
    await preview.getByRole('heading', { name: 'Топырақ түзілу факторлары' }).waitFor();
    await preview.getByRole('table').waitFor();
    await preview.getByRole('listitem').filter({ hasText: 'тірі организмдер' }).waitFor();
    await preview.getByRole('link', { name: 'ҚазАТУ сайты' }).waitFor();
    await preview.locator('.katex').first().waitFor();
    await preview.getByText(/т\/га/).waitFor();
    await expectNoAxeViolations(teacher, 'visual editor with the preview');
    await saveMaterial(teacher, dialog, PAGE);

    // Stored as the allow-list keeps it: the formula as its LaTeX, the link with its address.
    const api: ApiSession = await apiSignIn(world.teacher.login, world.teacher.password);
    const storedPage = async () =>
      (
        await api.call<{
          sections: Array<{
            materials: Array<{ id: string; latest: { body: { kk: { title: string; html: string } } } }>;
          }>;
        }>('GET', `/api/v1/disciplines/${world.disciplineId}/content`)
      ).sections
        .flatMap((s) => s.materials)
        .find((m) => m.latest.body.kk.title === PAGE)!.latest.body.kk.html;
    const stored = await storedPage();
    expect(stored).toContain('<h2>Топырақ түзілу факторлары</h2>');
    expect(stored).toContain('<strong>Бес фактор</strong>');
    expect(stored).toMatch(/<ul><li><p>аналық тау жынысы<\/p><\/li>/);
    expect(stored).toMatch(/<th[^>]*><p>Фактор<\/p><\/th>/);
    expect(stored).toMatch(/<td[^>]*><p>Қара топырақ<\/p><\/td>/);
    expect(stored).toMatch(/<a [^>]*href="https:\/\/kazatu.edu.kz\/"[^>]*>ҚазАТУ сайты<\/a>/);
    expect(stored).toContain('<span class="math-inline" data-latex="G = h \\cdot d \\cdot C"></span>');
    expect(stored).toContain('қысқаша <span class="math-inline" data-latex="G_1"></span>');
    expect(stored).toMatch(/<img src="https:\/\/kazatu.edu.kz\/images\/logo.png" alt="ҚазАТУ логотипі"/);

    // Opened again, the page comes back unchanged: the source mode shows the stored formula, and
    // switching back and forth loses nothing.
    await teacher.getByRole('button', { name: t(lang, 'content.editor.editNamed', { title: PAGE }) }).click();
    dialog = teacher.getByRole('dialog', { name: t(lang, 'content.editor.edit') });
    await expect.poll(() => dialog.locator('.ProseMirror .katex').count()).toBe(2);
    await dialog.getByRole('button', { name: exact(t(lang, 'editor.controls.source')) }).click();
    const source = dialog.getByRole('textbox', { name: exact(t(lang, 'content.form.text')) });
    expect(await source.inputValue()).toBe(stored);
    await source.fill(
      `${stored}<p>Дереккөз: <span class="math-display" data-latex="\\frac{a}{b}"></span></p>`,
    );
    await dialog.getByRole('button', { name: exact(t(lang, 'editor.controls.source')) }).click();
    await expect.poll(() => dialog.locator('.ProseMirror .katex').count()).toBe(3);
    await dialog.getByRole('button', { name: exact(t(lang, 'editor.controls.source')) }).click();
    expect(await source.inputValue()).toContain(
      '<span class="math-display" data-latex="\\frac{a}{b}"></span>',
    );
    // Markup the visual editor cannot show (a definition list) keeps the text in the source
    // mode, with a note saying why; it is saved as written.
    const GLOSSARY = '<dl><dt>Гумус</dt><dd>топырақтың органикалық бөлігі</dd></dl>';
    await source.fill(`${await source.inputValue()}${GLOSSARY}`);
    await dialog.getByRole('button', { name: exact(t(lang, 'editor.controls.source')) }).click();
    await dialog.getByRole('status').filter({ hasText: '<dl>' }).waitFor();
    expect(await source.inputValue()).toContain(GLOSSARY);
    await expectNoAxeViolations(teacher, 'source mode kept for markup the editor cannot show');
    await saveMaterial(teacher, dialog, PAGE);
    expect(await storedPage()).toContain(GLOSSARY);

    // An uploaded PDF.
    dialog = await newMaterial(teacher, WEEK, 'file');
    await dialog.getByLabel(t(lang, 'content.form.title')).fill(PDF_TITLE);
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'конспект.pdf', mimeType: 'application/pdf', buffer: await lecturePdf(2) });
    await dialog.getByText(t(lang, 'content.form.fileReady', { name: 'конспект.pdf' })).waitFor();
    await saveMaterial(teacher, dialog, PDF_TITLE);

    // A link.
    dialog = await newMaterial(teacher, WEEK, 'link');
    await dialog.getByLabel(t(lang, 'content.form.title')).fill(LINK);
    await dialog.getByLabel(t(lang, 'content.form.url')).fill('https://kazatu.edu.kz/');
    await saveMaterial(teacher, dialog, LINK);
    await expectNoAxeViolations(teacher, 'complex editor with drafts');

    // A draft added by mistake is deleted, after a confirmation.
    const EXTRA = 'Артық жоба';
    dialog = await newMaterial(teacher, WEEK, 'page');
    await dialog.getByLabel(t(lang, 'content.form.title')).fill(EXTRA);
    await dialog.getByRole('textbox', { name: exact(t(lang, 'content.form.text')) }).fill('Қате қосылды');
    await saveMaterial(teacher, dialog, EXTRA);
    await teacher
      .getByRole('button', { name: t(lang, 'content.editor.deleteMaterialNamed', { title: EXTRA }) })
      .click();
    const confirm = teacher.getByRole('dialog', { name: t(lang, 'content.editor.deleteMaterial') });
    await confirm.getByText(t(lang, 'content.editor.deleteMaterialText', { title: EXTRA })).waitFor();
    await expectNoAxeViolations(teacher, 'delete material confirmation');
    await confirm.getByRole('button', { name: exact(t(lang, 'content.editor.delete')) }).click();
    await teacher.getByRole('link', { name: exact(EXTRA) }).waitFor({ state: 'detached' });

    // Everything is sent for review.
    for (const title of [ABOUT, PAGE, PDF_TITLE, LINK]) {
      await teacher.getByRole('button', { name: t(lang, 'content.editor.submitNamed', { title }) }).click();
      await teacher
        .getByRole('button', { name: t(lang, 'content.editor.submitNamed', { title }) })
        .waitFor({ state: 'detached' });
    }
    await expect.poll(() => teacher.getByText(exact(t(lang, 'content.status.in_review'))).count()).toBe(4);

    // The learner does not see drafts or materials in review.
    const learner = await signedIn(world.learner);
    await learner.goto(`/courses/${world.offeringId}`);
    await learner.getByRole('heading', { name: exact(t(lang, 'content.terms.title')) }).waitFor();
    expect(await learner.getByRole('link', { name: exact(PDF_TITLE) }).count()).toBe(0);

    // The reviewer reads them in the queue and approves each.
    const reviewer = await signedIn(world.reviewer);
    await reviewer.goto('/content/reviews');
    await reviewer.getByRole('link', { name: exact(PDF_TITLE) }).waitFor();
    await expectNoAxeViolations(reviewer, 'review queue');
    await reviewer.getByRole('link', { name: exact(PAGE) }).click();
    await reviewer.getByRole('heading', { name: exact(PAGE), level: 1 }).waitFor();
    await reviewer.getByRole('table').first().waitFor();
    await reviewer.locator('.katex').first().waitFor();
    await expectNoAxeViolations(reviewer, 'material under review');
    for (const title of [PAGE, ABOUT, PDF_TITLE, LINK]) await approveFromQueue(reviewer, title);
    await reviewer.goto('/content/reviews');
    await reviewer.getByText(t(lang, 'content.reviews.none')).waitFor();

    // The learner sees the course, accepts the terms, reads the page and downloads the PDF.
    await learner.reload();
    await learner.getByRole('heading', { name: exact(WEEK) }).waitFor();
    await learner.getByRole('link', { name: exact(PDF_TITLE) }).waitFor();
    await expectNoAxeViolations(learner, 'course page, learner, before the terms');
    await learner.getByRole('button', { name: exact(t(lang, 'content.terms.accept')) }).click();
    await learner.getByRole('heading', { name: exact(t(lang, 'content.terms.title')) }).waitFor({
      state: 'detached',
    });

    await learner.getByRole('link', { name: exact(PAGE) }).click();
    await learner.getByRole('heading', { name: exact(PAGE), level: 1 }).waitFor();
    await learner.getByRole('columnheader').first().waitFor();
    await learner.locator('.katex').first().waitFor();
    await expectNoAxeViolations(learner, 'rich-text page, learner');
    await learner.getByRole('link', { name: exact(t(lang, 'content.material.backToCourse')) }).click();

    await learner.getByRole('link', { name: exact(PDF_TITLE) }).click();
    await learner.getByRole('heading', { name: exact(PDF_TITLE), level: 1 }).waitFor();
    await expectNoAxeViolations(learner, 'PDF material, learner');
    const [download] = await Promise.all([
      learner.waitForEvent('download'),
      learner.getByRole('link', { name: exact(t(lang, 'content.material.download')) }).click(),
    ]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const watermark = await pdfText(bytes);
    expect(watermark).toContain('Оспанова Гүлназ');
    // The learner's ID (record book number, else login) and the time of the download.
    expect(watermark).toMatch(/ID \S+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+5\)/);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);

    // The teacher now sees the views of the course's items.
    await teacher.goto(`/courses/${world.offeringId}`);
    await teacher.getByRole('link', { name: exact(PAGE) }).waitFor();
    await expectNoAxeViolations(teacher, 'course page, teacher, approved');
  }, 240_000);

  it('shows rich text with script, event-handler and javascript: payloads inert: no dialog opens, no script runs', async () => {
    const api: ApiSession = await apiSignIn(world.teacher.login, world.teacher.password);
    const section = await api.call<{ id: string }>(
      'POST',
      `/api/v1/disciplines/${world.disciplineId}/content/sections`,
      { kind: 'topic', title: { kk: uniq('Тақырып ') } },
    );
    const title = uniq('Қауіпсіздік ');

    // The teacher writes the payloads into a page through the editor.
    const teacher = await signedIn(world.teacher);
    const dialogs: string[] = [];
    teacher.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await teacher.goto(`/content/disciplines/${world.disciplineId}`);
    const topic = (
      await api.call<{ sections: Array<{ id: string; title: { kk: string } }> }>(
        'GET',
        `/api/v1/disciplines/${world.disciplineId}/content`,
      )
    ).sections.find((s) => s.id === section.id)!.title.kk;
    const dialog = await newMaterial(teacher, topic, 'page');
    await dialog.getByLabel(t(lang, 'content.form.title')).fill(title);
    // Markup the visual editor has no place for is written in its HTML source mode.
    await dialog.getByRole('button', { name: exact(t(lang, 'editor.controls.source')) }).click();
    await dialog
      .getByRole('textbox', { name: exact(t(lang, 'content.form.text')) })
      .fill(
        [
          '<p>Қауіпсіз мәтін</p>',
          '<script>window.__xss = "script"; alert("script")</script>',
          '<img src="x" onerror="window.__xss = \'img\'; alert(\'img\')" alt="сурет">',
          '<a href="javascript:window.__xss=\'link\';alert(\'link\')" id="bad-link">Сілтеме</a>',
          '<svg onload="alert(\'svg\')"><circle r="5"></circle></svg>',
          '<p onclick="alert(\'click\')" id="bad-p">Басыңыз</p>',
        ].join('\n'),
      );
    await saveMaterial(teacher, dialog, title);
    const [material] = (
      await api.call<{ sections: Array<{ id: string; materials: Array<{ id: string }> }> }>(
        'GET',
        `/api/v1/disciplines/${world.disciplineId}/content`,
      )
    ).sections.find((s) => s.id === section.id)!.materials;
    await api.call('POST', `/api/v1/content/materials/${material!.id}/submit`);
    const reviewerApi = await apiSignIn(world.reviewer.login, world.reviewer.password);
    await reviewerApi.call('POST', `/api/v1/content/materials/${material!.id}/review`, {
      decision: 'approve',
    });

    // The teacher's own view of the stored text: the payloads are gone, the text stays.
    await teacher.getByRole('link', { name: exact(title) }).click();
    await teacher.getByRole('heading', { name: exact(title), level: 1 }).waitFor();
    await teacher.getByText('Қауіпсіз мәтін').waitFor();

    // The learner opens it and clicks what is left of the link and the paragraph.
    const learner = await signedIn(world.learner);
    learner.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await learner.goto(`/courses/${world.offeringId}/materials/${material!.id}`);
    await learner.getByRole('heading', { name: exact(title), level: 1 }).waitFor();
    await learner.getByText('Қауіпсіз мәтін').waitFor();
    const rich = learner.locator('.content-rich');
    expect(await rich.locator('script, svg, [onerror], [onload], [onclick]').count()).toBe(0);
    expect(await rich.locator('a[href^="javascript:" i]').count()).toBe(0);
    await rich.getByText('Сілтеме').click();
    await rich.getByText('Басыңыз').click();
    await learner.waitForTimeout(300);
    for (const page of [teacher, learner]) {
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
    await expectNoAxeViolations(learner, 'material with the XSS payloads, learner');
  }, 120_000);
});
