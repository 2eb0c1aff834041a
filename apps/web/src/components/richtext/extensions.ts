import { Link } from '@mantine/tiptap';
import { type Extensions, Mark, mergeAttributes, Node, nodeInputRule } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/**
 * The visual editor's schema: what the server's allow-list keeps (sanitize.ts) and the editor
 * can show. Anything else (definition lists, figures, table captions, link titles) is edited
 * in the HTML source mode; fidelity.ts tells which text the schema would change.
 */

export type FormulaAttrs = { latex: string; display: boolean };

/** Which formula is opened for editing: the dialog is run by the editor component. */
export type OpenFormula = (current: FormulaAttrs | null) => void;

/**
 * A formula, stored as `<span class="math-inline|math-display" data-latex="…">` and typeset
 * with KaTeX (as the pages learners read do). An atom: its LaTeX is changed in the formula
 * dialog only, so editing the text around it never breaks it. Typing `\( … \)` turns into an
 * inline formula, `\[ … \]` into a display one.
 */
export const Formula = Node.create<{ open: OpenFormula | null }>({
  name: 'formula',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,
  addOptions: () => ({ open: null }),
  addAttributes: () => ({
    latex: { default: '', parseHTML: (el) => el.getAttribute('data-latex') ?? el.textContent ?? '' },
    display: { default: false, parseHTML: (el) => el.classList.contains('math-display') },
  }),
  parseHTML: () => [{ tag: 'span.math-inline' }, { tag: 'span.math-display' }],
  renderHTML: ({ node }) => [
    'span',
    { class: node.attrs.display ? 'math-display' : 'math-inline', 'data-latex': node.attrs.latex },
  ],
  renderText: ({ node }) => (node.attrs.display ? `\\[${node.attrs.latex}\\]` : `\\(${node.attrs.latex}\\)`),
  addNodeView() {
    return ({ node, editor, getPos }) => {
      const dom = document.createElement('span');
      dom.className = `rte-formula ${node.attrs.display ? 'math-display' : 'math-inline'}`;
      dom.contentEditable = 'false';
      dom.dataset.latex = node.attrs.latex;
      const typeset = (latex: string, display: boolean) => {
        dom.textContent = latex;
        void import('../katex.ts').then(({ default: katex }) => {
          if (!dom.isConnected && !dom.parentNode) return;
          katex.render(latex, dom, {
            displayMode: display,
            throwOnError: false,
            trust: false,
            output: 'htmlAndMathml',
          });
        });
      };
      typeset(node.attrs.latex, node.attrs.display);
      dom.addEventListener('dblclick', () => {
        const pos = typeof getPos === 'function' ? getPos() : undefined;
        if (typeof pos === 'number') editor.commands.setNodeSelection(pos);
        this.options.open?.({ latex: node.attrs.latex, display: node.attrs.display });
      });
      let current = node;
      return {
        dom,
        update: (next) => {
          if (next.type !== current.type) return false;
          if (next.attrs.latex !== current.attrs.latex || next.attrs.display !== current.attrs.display) {
            dom.className = `rte-formula ${next.attrs.display ? 'math-display' : 'math-inline'}`;
            dom.dataset.latex = next.attrs.latex;
            typeset(next.attrs.latex, next.attrs.display);
          }
          current = next;
          return true;
        },
      };
    };
  },
  addKeyboardShortcuts() {
    return {
      // Enter on a selected formula opens it in the dialog.
      Enter: ({ editor }) => {
        const sel = editor.state.selection as { node?: { type: { name: string }; attrs: FormulaAttrs } };
        if (sel.node?.type.name !== 'formula' || !this.options.open) return false;
        this.options.open({ latex: sel.node.attrs.latex, display: sel.node.attrs.display });
        return true;
      },
    };
  },
  addInputRules() {
    // The text before the cursor shows earlier formulas as \( … \) too (renderText): the LaTeX
    // typed may not hold a delimiter, so only the one just closed is taken. No capture group:
    // with one, nodeInputRule would replace only the group and leave the delimiters.
    return [
      nodeInputRule({
        find: /\\\((?:(?!\\[()]).)+\\\)$/,
        type: this.type,
        getAttributes: (m) => ({ latex: m[0].slice(2, -2).trim(), display: false }),
      }),
      nodeInputRule({
        find: /\\\[(?:(?!\\[[\]]).)+\\\]$/,
        type: this.type,
        getAttributes: (m) => ({ latex: m[0].slice(2, -2).trim(), display: true }),
      }),
    ];
  },
});

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    subscript: { toggleSubscript: () => ReturnType };
    superscript: { toggleSuperscript: () => ReturnType };
    highlight: { toggleHighlight: () => ReturnType };
  }
}

/** A mark for one tag the allow-list keeps (sub, sup, mark), with the toggle command Mantine's control calls. */
const simpleMark = (name: 'subscript' | 'superscript' | 'highlight', tag: string, excludes?: string) =>
  Mark.create({
    name,
    ...(excludes ? { excludes } : {}),
    parseHTML: () => [{ tag }],
    renderHTML: ({ HTMLAttributes }) => [tag, mergeAttributes(HTMLAttributes), 0],
    addCommands() {
      const toggle =
        () =>
        ({ commands }: { commands: { toggleMark: (n: string) => boolean } }) =>
          commands.toggleMark(name);
      return name === 'subscript'
        ? { toggleSubscript: toggle }
        : name === 'superscript'
          ? { toggleSuperscript: toggle }
          : { toggleHighlight: toggle };
    },
  });

export const Subscript = simpleMark('subscript', 'sub', 'superscript');
export const Superscript = simpleMark('superscript', 'sup', 'subscript');
export const Highlight = simpleMark('highlight', 'mark');

/** Safe addresses as the server keeps them: http(s), mailto, or a path on this site. */
export const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/))/i;
/** Images: https or a path on this site. */
export const SAFE_IMG = /^(https:\/\/|\/(?!\/))/i;

/**
 * The address a teacher typed, as a link will hold it: a bare site name (`fao.org/soils`)
 * gets `https://`; anything else is kept as typed and judged by SAFE_HREF.
 */
export function normalizeHref(href: string): string {
  const v = href.trim();
  if (SAFE_HREF.test(v)) return v;
  if (/^(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}(?::\d+)?(?:[/?#].*)?$/u.test(v)) return `https://${v}`;
  return v;
}

export function editorExtensions(open: OpenFormula, refusedLink: (href: string) => void): Extensions {
  return [
    StarterKit.configure({ link: false }),
    // Mantine's link: Ctrl+K opens the address field of the toolbar's link control. An
    // address that cannot be a link is refused out loud rather than silently not linked.
    Link.extend({
      addCommands() {
        const parent = this.parent?.() ?? {};
        return {
          ...parent,
          setLink:
            (attributes: { href: string }) =>
            // biome-ignore lint/suspicious/noExplicitAny: TipTap's command props
            (props: any) => {
              const href = normalizeHref(attributes.href);
              if (!SAFE_HREF.test(href)) {
                refusedLink(attributes.href);
                return false;
              }
              // biome-ignore lint/suspicious/noExplicitAny: the parent's command
              return (parent as any).setLink({ ...attributes, href })(props);
            },
        };
      },
    }).configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['mailto'],
      isAllowedUri: (url) => SAFE_HREF.test(url.trim()),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      // Mantine's type declarations reach TipTap's CommonJS typings, ours its ESM ones: the same classes.
    }) as unknown as Extensions[number],
    Image.configure({ inline: true, allowBase64: false }),
    TableKit.configure({ table: { resizable: false } }),
    Subscript,
    Superscript,
    Highlight,
    Formula.configure({ open }),
  ];
}
