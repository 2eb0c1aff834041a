import { Modal, type ModalRootProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = Omit<ModalRootProps, 'title' | 'children'> & { title: ReactNode; children: ReactNode };

/**
 * Mantine's modal with its header as a plain div: a <header> inside role="dialog" counts
 * as a second banner landmark for assistive technology (and axe).
 */
export function AppModal({ title, children, ...root }: Props) {
  const { t } = useTranslation();
  return (
    <Modal.Root {...root}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
