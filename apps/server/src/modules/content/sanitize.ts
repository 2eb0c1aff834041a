import sanitizeHtml from 'sanitize-html';

/**
 * The allow-list for rich text written by users: structure, tables, images and links with
 * safe addresses, and formulas kept as their LaTeX source in a span the browser renders
 * with KaTeX. Everything else (scripts, styles, event handlers, frames, forms) is dropped.
 */
/** Absolute http(s) and mail addresses, or a path on this site; nothing relative or scheme-less. */
const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/))/i;
/** Images: https or a path on this site. */
const IMG_URL = /^(https:\/\/|\/(?!\/))/i;

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'mark',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'a',
    'img',
    'figure',
    'figcaption',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
    span: ['class', 'data-latex'],
  },
  allowedClasses: { span: ['math-inline', 'math-display'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside dropped script/style/textarea elements is dropped with them.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'title'],
  transformTags: {
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return {
        tagName,
        attribs: {
          ...rest,
          ...(href && SAFE_URL.test(href.trim()) ? { href: href.trim() } : {}),
          rel: 'noopener noreferrer nofollow',
          target: '_blank',
        },
      };
    },
    // Images come from this site or another over https (the page's img-src allows no
    // plain http); an outside host is told neither the page nor the learner's address in
    // a Referer, and images below the fold load only when scrolled to.
    img: (tagName, attribs) => {
      const { src, referrerpolicy: _r, loading: _l, ...rest } = attribs;
      const ok = src && IMG_URL.test(src.trim());
      return {
        tagName,
        attribs: {
          ...(ok ? { src: src.trim() } : {}),
          ...rest,
          referrerpolicy: 'no-referrer',
          loading: 'lazy',
        },
      };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};
// rel and target, referrerpolicy and loading are set by the transforms above, never taken from the input.
(options.allowedAttributes as Record<string, string[]>).a!.push('rel', 'target');
(options.allowedAttributes as Record<string, string[]>).img!.push('referrerpolicy', 'loading');

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options);
}
