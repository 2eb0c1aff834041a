/**
 * Question text as an author edits it: the stored HTML with each formula written as LaTeX
 * between \( … \) (inline) or \[ … \] (display). Stored, a formula is the span the server's
 * sanitizer keeps and the page typesets with KaTeX.
 */
const FORMULA = /\\\((.+?)\\\)|\\\[(.+?)\\\]/gs;

export function toEditable(html: string): string {
  if (!html.includes('math-')) return html;
  const div = document.createElement('div');
  div.innerHTML = html;
  for (const el of div.querySelectorAll<HTMLElement>('span.math-inline, span.math-display')) {
    const latex = el.dataset.latex ?? el.textContent ?? '';
    const display = el.classList.contains('math-display');
    el.replaceWith(document.createTextNode(display ? `\\[${latex}\\]` : `\\(${latex}\\)`));
  }
  return div.innerHTML;
}

export function toStored(text: string): string {
  if (!text.includes('\\(') && !text.includes('\\[')) return text;
  const div = document.createElement('div');
  div.innerHTML = text;
  const walker = document.createTreeWalker(div, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  for (const node of nodes) {
    const s = node.data;
    if (!FORMULA.test(s)) continue;
    FORMULA.lastIndex = 0;
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of s.matchAll(FORMULA)) {
      frag.append(s.slice(last, m.index));
      const span = document.createElement('span');
      span.className = m[1] !== undefined ? 'math-inline' : 'math-display';
      span.dataset.latex = (m[1] ?? m[2] ?? '').trim();
      frag.append(span);
      last = (m.index ?? 0) + m[0].length;
    }
    frag.append(s.slice(last));
    node.replaceWith(frag);
  }
  return div.innerHTML;
}
