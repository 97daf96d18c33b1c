export const Badge = ({ label }: { label: string }) => <span>{label}</span>;

export function Panel({ open }: { open: boolean }) {
  if (!open) {
    return null;
  }
  return <div>open</div>;
}
