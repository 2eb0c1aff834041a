import { Progress, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Stage } from '../api/client.ts';

/** How far a stage is, 0–100. */
export const stagePercent = (stage: Stage) =>
  stage.total > 0 ? Math.min(100, Math.round((stage.done / stage.total) * 100)) : 0;

/**
 * The bar of a long operation that reports its phases (an upload, then the server's work).
 * The bar is labelled by the visible text; a polite live region says each new phase once
 * (and every quarter of the way), so a screen reader hears the work advance without a
 * message per batch.
 */
export function StageProgress({ id, stage, label }: { id: string; stage: Stage; label: string }) {
  const percent = stagePercent(stage);
  const [spoken, setSpoken] = useState(label);
  const last = useRef({ phase: stage.phase, quarter: Math.floor(percent / 25) });
  useEffect(() => {
    const quarter = Math.floor(percent / 25);
    if (last.current.phase !== stage.phase || last.current.quarter !== quarter) {
      last.current = { phase: stage.phase, quarter };
      setSpoken(label);
    }
  }, [stage.phase, percent, label]);
  return (
    <Stack gap={4}>
      <Text size="sm" id={id}>
        {label}
      </Text>
      <Progress.Root size="lg">
        <Progress.Section
          value={percent}
          withAria={false}
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={label}
          aria-labelledby={id}
          data-phase={stage.phase}
        />
      </Progress.Root>
      <VisuallyHidden role="status" aria-live="polite" data-testid={`${id}-announce`}>
        {spoken}
      </VisuallyHidden>
    </Stack>
  );
}
