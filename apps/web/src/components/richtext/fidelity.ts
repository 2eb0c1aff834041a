/**
 * Whether the visual editor can show a rich text without changing its meaning: the text and
 * every element that carries meaning (headings, lists, table cells, links with their address,
 * images with their address and description, formulas with their LaTeX) must come out of the
 * editor as they went in. Wrappers the editor adds or drops (paragraphs in list items and
 * cells, thead/tbody, column groups) and attributes the server sets itself (rel, target,
 * loading, referrerpolicy) do not count. A text that fails stays in the HTML source mode.
 */

const ALIAS: Record<string, string> = { b: 'strong', i: 'em' };
/** Elements whose presence is not meaning in itself. */
const WRAPPERS = new Set(['p', 'div', 'thead', 'tbody', 'tfoot', 'colgroup', 'col', 'span']);
/** Attributes compared, per element; a default value counts as absent. */
const KEPT: Record<string, string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  ol: ['start'],
};
const DEFAULTS: Record<string, string> = { colspan: '1', rowspan: '1', start: '1' };

function describe(el: Element): string | null {
  const tag = ALIAS[el.localName] ?? el.localName;
  if (tag === 'span') {
    const math = el.classList.contains('math-display')
      ? 'display'
      : el.classList.contains('math-inline')
        ? 'inline'
        : null;
    return math ? `formula:${math}:${(el.getAttribute('data-latex') ?? el.textContent ?? '').trim()}` : null;
  }
  if (WRAPPERS.has(tag)) return null;
  // A code block is <pre><code>; the <code> is part of the <pre>.
  if (tag === 'code' && el.parentElement?.localName === 'pre') return null;
  const attrs = (KEPT[tag] ?? [])
    .map((a) => [a, el.getAttribute(a)?.trim() ?? ''] as const)
    .filter(([a, v]) => v !== '' && DEFAULTS[a] !== v)
    .map(([a, v]) => `${a}=${v}`);
  return attrs.length ? `${tag}[${attrs.join(',')}]` : tag;
}

/** The meaning-carrying elements (sorted) and the text without whitespace. */
export function signature(html: string): { elements: string[]; text: string } {
  const root = document.createElement('div');
  root.innerHTML = html;
  const elements: string[] = [];
  let text = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += (child as Text).data;
      else if (child.nodeType === 1) {
        const el = child as Element;
        const d = describe(el);
        if (d) elements.push(d);
        // A formula's LaTeX is its content (KaTeX's output, if any, is not).
        if (!d?.startsWith('formula:')) walk(el);
      }
    }
  };
  walk(root);
  return {
    elements: elements.sort(),
    text: text.replace(/\s+/g, ''),
  };
}

/** What the editor would drop or change: element descriptions missing after the round trip. */
export function lostInRoundTrip(before: string, after: string): string[] {
  const a = signature(before);
  const b = signature(after);
  const left = [...b.elements];
  const lost: string[] = [];
  for (const e of a.elements) {
    const i = left.indexOf(e);
    if (i >= 0) left.splice(i, 1);
    else lost.push(e);
  }
  if (lost.length === 0 && (left.length > 0 || a.text !== b.text)) lost.push(left[0] ?? 'text');
  return lost;
}

/** The editor's HTML without the empty paragraph it keeps at the end (or for an empty text). */
export function trimEditorHtml(html: string): string {
  return html.replace(/(<p><\/p>)+$/, '');
}
