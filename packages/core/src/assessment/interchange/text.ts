/** Text formats the interchange files carry, turned into the bank's rich text (HTML). */

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references and the five named XML entities (plus &nbsp;); unknown ones stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const HAS_TAG = /<\/?(p|br|b|i|u|em|strong|sub|sup|img|span|div|table|ul|ol|li|a|h[1-6]|pre|code)\b[^>]*>/i;

/** Plain text: escaped, line breaks kept. */
export function plainToHtml(s: string): string {
  return escapeHtml(s.trim()).replace(/\r?\n/g, '<br>');
}

/**
 * Moodle's auto format (GIFT's default, Aiken, Platonus): text that already holds HTML tags
 * is taken as HTML; otherwise it is plain text with its line breaks (and its `&lt;`-style
 * character references read, as Moodle shows them).
 */
export function autoToHtml(s: string): string {
  const t = s.trim();
  // Moodle shows `&lt;` in such text as `<`: character references are read, then escaped.
  return HAS_TAG.test(t) ? t : plainToHtml(decodeEntities(t));
}

function inlineMarkdown(s: string): string {
  return s
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, '<img src="$2" alt="$1">')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a, b) => `<strong>${a ?? b}</strong>`)
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, '$1<em>$2</em>');
}

/** The Markdown that question files use: paragraphs, lists, headings, emphasis, code, links, images. */
export function markdownToHtml(s: string): string {
  const blocks = s.trim().split(/\r?\n\s*\r?\n/);
  // One short line (an option, a feedback) stays inline, without a paragraph around it.
  if (
    blocks.length === 1 &&
    !/\n/.test(blocks[0]!) &&
    !/^(#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s)/.test(blocks[0]!)
  ) {
    return inlineMarkdown(escapeHtml(blocks[0]!));
  }
  return blocks
    .map((block) => {
      const lines = block.split(/\r?\n/);
      if (lines.every((l) => /^\s*[-*+]\s+/.test(l))) {
        return `<ul>${lines.map((l) => `<li>${inlineMarkdown(escapeHtml(l.replace(/^\s*[-*+]\s+/, '')))}</li>`).join('')}</ul>`;
      }
      if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
        return `<ol>${lines.map((l) => `<li>${inlineMarkdown(escapeHtml(l.replace(/^\s*\d+[.)]\s+/, '')))}</li>`).join('')}</ol>`;
      }
      const h = /^(#{1,6})\s+(.*)$/.exec(block);
      if (h && lines.length === 1)
        return `<h${h[1]!.length}>${inlineMarkdown(escapeHtml(h[2]!))}</h${h[1]!.length}>`;
      return `<p>${lines.map((l) => inlineMarkdown(escapeHtml(l))).join('<br>')}</p>`;
    })
    .join('');
}

export type TextFormat = 'html' | 'moodle' | 'plain' | 'markdown';

export function toHtml(s: string, format: TextFormat): string {
  if (format === 'html') return s.trim();
  if (format === 'markdown') return markdownToHtml(s);
  if (format === 'plain') return plainToHtml(s);
  return autoToHtml(s);
}

/** Rich text read back as plain text (for the parts of a format that hold no markup). */
export function htmlToPlain(s: string): string {
  return decodeEntities(
    s
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  ).trim();
}

/** Does the rich text carry anything but plain words (so an export must keep it as HTML)? */
export const isPlainHtml = (s: string) => !/[<&]/.test(s);
