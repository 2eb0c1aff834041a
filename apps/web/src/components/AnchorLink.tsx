import { Anchor, type AnchorProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef } from 'react';

const MantineAnchor = forwardRef<
  HTMLAnchorElement,
  AnchorProps & React.AnchorHTMLAttributes<HTMLAnchorElement>
>((props, ref) => <Anchor ref={ref} {...props} />);

const Created = createLink(MantineAnchor);

/** A Mantine anchor that is a type-checked router link (paths and params). */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => (
  <Created preload={false} {...props} />
);
