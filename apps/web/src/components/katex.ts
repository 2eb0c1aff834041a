// KaTeX and its stylesheet, in a chunk of their own: see formulas.ts.
import katex from 'katex';
import 'katex/dist/katex.min.css';

export default katex;
