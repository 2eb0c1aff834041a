import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Divider,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationList } from '#core/wire/notifications.ts';
import { get, post } from '../api/client.ts';
import { formatInstant } from './format.ts';

const key = ['notifications'] as const;

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The bell: unread count, and the latest notifications in a dropdown. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [opened, setOpened] = useState(false);
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => get<NotificationList>('/api/v1/notifications', { pageSize: 20 }),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => post(`/api/v1/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const items = data?.items ?? [];
  const unread = data?.unread ?? 0;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} trapFocus withinPortal>
      <Popover.Target>
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => setOpened((o) => !o)}
          aria-label={t('notifications.bell', { count: unread })}
        >
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={16}
            disabled={unread === 0}
            color="red.9"
            offset={-2}
          >
            <BellIcon />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('notifications.title')} role="dialog">
        <Text fw={700} mb="xs" component="h2" size="md">
          {t('notifications.title')}
        </Text>
        {items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('notifications.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={400}>
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((n, i) => (
                <Box component="li" key={n.id}>
                  {i > 0 && <Divider mb="xs" />}
                  <Text size="sm" fw={n.readAt ? 400 : 700}>
                    {!n.readAt && (
                      <Badge size="xs" color="blue.9" mr={6} variant="filled">
                        {t('notifications.new')}
                      </Badge>
                    )}
                    {n.link ? (
                      <Anchor
                        component={Link}
                        to={n.link}
                        onClick={() => {
                          if (!n.readAt) markRead.mutate(n.id);
                          setOpened(false);
                        }}
                      >
                        {n.text}
                      </Anchor>
                    ) : (
                      n.text
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatInstant(n.createdAt, i18n.language)}
                  </Text>
                  {!n.readAt && (
                    <Button variant="subtle" size="compact-xs" onClick={() => markRead.mutate(n.id)}>
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Box>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
