export function UserEditPage({ userId }: { userId: string | null }) {
  return userId ? null : null;
}
