/**
 * Typesets the formulas the server's sanitizer kept as
 * `<span class="math-inline|math-display" data-latex>` with KaTeX (HTML, and MathML for
 * screen readers; `\href` and friends stay off). KaTeX and its stylesheet are fetched only
 * when a text has a formula, so pages without one never load them.
 */
export async function typesetFormulas(root: HTMLElement): Promise<void> {
  const spans = root.querySelectorAll<HTMLElement>('span.math-inline, span.math-display');
  if (spans.length === 0) return;
  const { default: katex } = await import('./katex.ts');
  for (const el of spans) {
    if (!el.isConnected) continue;
    katex.render(el.dataset.latex ?? el.textContent ?? '', el, {
      displayMode: el.classList.contains('math-display'),
      throwOnError: false,
      trust: false,
      output: 'htmlAndMathml',
    });
  }
}
