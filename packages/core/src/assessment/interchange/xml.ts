/** A small, forgiving XML reader for Moodle XML: elements, attributes, text, CDATA, comments. */
import { decodeEntities } from './text.ts';

export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlNode[] };
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

const NAME = /[A-Za-z_][\w.:-]*/y;

export function parseXml(src: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const top = () => stack[stack.length - 1]!;
  const text = (s: string) => {
    if (s) top().children.push(s);
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      text(decodeEntities(src.slice(i)));
      break;
    }
    if (lt > i) text(decodeEntities(src.slice(i, lt)));
    if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('unclosed CDATA');
      text(src.slice(lt + 9, end));
      i = end + 3;
    } else if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('unclosed comment');
      i = end + 3;
    } else if (src.startsWith('<?', lt) || src.startsWith('<!', lt)) {
      const end = src.indexOf('>', lt);
      if (end < 0) throw new XmlError('unclosed declaration');
      i = end + 1;
    } else if (src[lt + 1] === '/') {
      const end = src.indexOf('>', lt);
      if (end < 0) throw new XmlError('unclosed tag');
      const name = src.slice(lt + 2, end).trim();
      if (top().name !== name) throw new XmlError(`</${name}> closes <${top().name}>`);
      stack.pop();
      i = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const m = NAME.exec(src);
      if (!m) {
        // A lone `<` in text (common in hand-made files): keep it as text.
        text('<');
        i = lt + 1;
        continue;
      }
      const el: XmlElement = { name: m[0], attrs: {}, children: [] };
      let j = lt + 1 + m[0].length;
      const attr = /\s*([\w.:-]+)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)/y;
      for (;;) {
        attr.lastIndex = j;
        const a = attr.exec(src);
        if (!a) throw new XmlError(`bad tag <${el.name}>`);
        j = attr.lastIndex;
        if (a[5]) {
          top().children.push(el);
          if (a[5] === '>') stack.push(el);
          break;
        }
        el.attrs[a[1]!] = decodeEntities(a[3] ?? a[4] ?? '');
      }
      i = j;
    }
  }
  if (stack.length > 1) throw new XmlError(`<${top().name}> is not closed`);
  return root;
}

export const kids = (el: XmlElement | undefined, name: string) =>
  (el?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
export const kid = (el: XmlElement | undefined, name: string) => kids(el, name)[0];
export const textOf = (el: XmlElement | undefined): string =>
  (el?.children ?? []).map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
/** Text with any element written inside it kept as markup (HTML typed into `<text>` without CDATA). */
export const markupOf = (el: XmlElement | undefined): string =>
  (el?.children ?? [])
    .map((c) => {
      if (typeof c === 'string') return c;
      const attrs = Object.entries(c.attrs)
        .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
        .join('');
      return c.children.length ? `<${c.name}${attrs}>${markupOf(c)}</${c.name}>` : `<${c.name}${attrs}>`;
    })
    .join('');
/** `<x><text>…</text></x>` → its text. */
export const innerText = (el: XmlElement | undefined) => (el ? markupOf(kid(el, 'text') ?? el) : '');

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** CDATA that survives a `]]>` inside the text. */
export const cdata = (s: string) => `<![CDATA[${s.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
