import { useLayoutEffect, useRef } from 'react';
import type { Localized } from '#core/assessment/questions.ts';
import { typesetFormulas } from '../../components/formulas.ts';

/** The text in the interface language, or in whichever language the author wrote it. */
export function pick(lang: string, l: Localized | null | undefined): string {
  if (!l) return '';
  const own = lang === 'ru' ? l.ru : lang === 'en' ? l.en : l.kk;
  return own || l.kk || l.ru || l.en || '';
}

/** Rich text that the server sanitized before storing it (DESIGN.md: sanitize on write), formulas typeset. */
export function RichText({ html, id, inline }: { html: string; id?: string; inline?: boolean }) {
  const ref = useRef<HTMLDivElement & HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current && html.includes('math-')) void typesetFormulas(ref.current);
  }, [html]);
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag
      ref={ref}
      id={id}
      className="asm-rich"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server when stored
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** Plain text of sanitized rich text (pictures by their alt text), for labels and confirmation lists. */
export function plainText(html: string): string {
  if (typeof document === 'undefined') return html;
  const div = document.createElement('div');
  div.innerHTML = html;
  for (const el of div.querySelectorAll<HTMLElement>('span.math-inline, span.math-display')) {
    el.textContent = el.dataset.latex ?? el.textContent;
  }
  // A picture counts by its description (an option showing only a picture still has a name).
  for (const img of div.querySelectorAll('img')) img.replaceWith(` ${img.alt.trim()} `);
  return (div.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** "1:05:09" / "4:07" from milliseconds. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
