export function OrgPage() {
  return null;
}
