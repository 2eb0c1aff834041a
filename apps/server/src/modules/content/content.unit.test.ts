import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { languageOrder } from './delivery.ts';
import { sanitizeRichText } from './sanitize.ts';
import { guardOfficeZip, kindOfName } from './upload.ts';
import { watermarkText } from './watermark.ts';

/** Payloads from the usual XSS cheat sheets: tag, attribute, scheme and parser-confusion tricks. */
const xss = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//x.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img """><script>alert(1)</script>">',
  '<img src="jav\tascript:alert(1)">',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<img src=`javascript:alert(1)`>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<body onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math href="javascript:alert(1)">x</math>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<embed src="javascript:alert(1)">',
  '<link rel=stylesheet href="https://x.example/x.css">',
  '<style>@import "https://x.example/x.css";</style>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<td style="x:expression(alert(1))">x</td>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<span class="math-display" style="color:red" data-x="1">x</span>',
  '<a href="https://ok.example" onclick="alert(1)" target="_self">ok</a>',
];

describe('rich-text sanitizer', () => {
  it('lets no script, handler, dangerous scheme, frame, style or unknown attribute through', () => {
    for (const p of xss) {
      const out = sanitizeRichText(p);
      expect(out, p).not.toMatch(
        /<script|<svg|<iframe|<embed|<link|<style|<input|<details|<video|<body|<math|on[a-z]+=|javascript|vbscript|data:|style=|background=|srcdoc|data-x/i,
      );
    }
  });

  it('keeps the safe list: headings, lists, tables, images, links (opened safely) and formula source', () => {
    const html =
      '<h3>Т</h3><ol start="2"><li>а</li></ol><table><thead><tr><th scope="col">x</th></tr></thead></table>' +
      '<img src="/api/v1/x.png" alt="a"><a href="mailto:a@katu.kz">m</a><span class="math-display" data-latex="E=mc^2">E=mc^2</span>';
    const out = sanitizeRichText(html);
    expect(out).toContain('<h3>Т</h3>');
    expect(out).toContain('<ol start="2">');
    expect(out).toContain('<th scope="col">x</th>');
    expect(out).toContain('<img src="/api/v1/x.png" alt="a" referrerpolicy="no-referrer" loading="lazy" />');
    expect(out).toContain('href="mailto:a@katu.kz" rel="noopener noreferrer nofollow" target="_blank"');
    expect(out).toContain('<span class="math-display" data-latex="E=mc^2">E=mc^2</span>');
  });
});

describe('images in rich text', () => {
  it('keeps https and site images, sending no Referer; drops plain http, protocol-relative and data images', () => {
    expect(sanitizeRichText('<img src="https://katu.kz/a.png" alt="a" referrerpolicy="unsafe-url">')).toBe(
      '<img src="https://katu.kz/a.png" alt="a" referrerpolicy="no-referrer" loading="lazy" />',
    );
    for (const src of ['http://katu.kz/a.png', '//katu.kz/a.png', 'data:image/png;base64,AAAA', 'a.png']) {
      expect(sanitizeRichText(`<p>x</p><img src="${src}" alt="a">`), src).toBe('<p>x</p>');
    }
  });
});

describe('language order and the watermark line', () => {
  it('puts the learner’s language first, then kk, ru, en', () => {
    expect(languageOrder('en')).toEqual(['en', 'kk', 'ru']);
    expect(languageOrder('ru')).toEqual(['ru', 'kk', 'en']);
    expect(languageOrder(undefined)).toEqual(['kk', 'ru', 'en']);
  });

  it('names the learner, their ID and the Almaty time', () => {
    expect(watermarkText({ name: 'Өмірзақ Әйгерім', id: '2026-001' }, new Date('2026-11-26T19:05:00Z'))).toBe(
      'Өмірзақ Әйгерім · ID 2026-001 · 2026-11-27 00:05 (UTC+5)',
    );
  });
});

describe('upload checks', () => {
  it('knows kinds by extension, case-insensitively, and nothing else', () => {
    expect(kindOfName('Дәріс.PDF')?.type).toBe('application/pdf');
    expect(kindOfName('a.docx')?.zipFolder).toBe('word/');
    expect(kindOfName('a.html')).toBeUndefined();
    expect(kindOfName('noext')).toBeUndefined();
  });

  it('reads a zip directory only and refuses absolute, drive and parent paths', () => {
    const ok = Buffer.from(
      zipSync({ '[Content_Types].xml': new Uint8Array(1), 'ppt/a.xml': new Uint8Array(1) }),
    );
    expect(() => guardOfficeZip(ok, 'ppt/')).not.toThrow();
    expect(() => guardOfficeZip(ok, 'word/')).toThrow();
    for (const bad of ['/etc/passwd', 'C:/x', 'ppt/../../x']) {
      const z = Buffer.from(
        zipSync({
          '[Content_Types].xml': new Uint8Array(1),
          'ppt/a.xml': new Uint8Array(1),
          [bad]: new Uint8Array(1),
        }),
      );
      expect(() => guardOfficeZip(z, 'ppt/'), bad).toThrow();
    }
    expect(() => guardOfficeZip(Buffer.from('PK\x03\x04garbage'), 'ppt/')).toThrow();
  });
});
