/** Toolbar icons for the editor's own controls, drawn like Mantine's (16 px, stroke). */
const Svg = ({ children }: { children: React.ReactNode }) => (
  <svg
    width={16}
    height={16}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={1.5}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    {children}
  </svg>
);

export const ImageIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <circle cx="9" cy="10" r="1.5" />
    <path d="M21 16l-5-5-9 9" />
  </Svg>
);

export const FormulaIcon = () => (
  <Svg>
    <path d="M17 5H7l6 7-6 7h10" />
  </Svg>
);

export const TableIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="16" rx="1" />
    <path d="M3 10h18M3 15h18M9 4v16M15 4v16" />
  </Svg>
);

export const SourceIcon = () => (
  <Svg>
    <path d="M8 8l-4 4 4 4M16 8l4 4-4 4M13.5 5l-3 14" />
  </Svg>
);
