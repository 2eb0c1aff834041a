export function OutboxMessagePage({ id }: { id: string }) {
  return id ? null : null;
}
