export function Card(props: { count: number }) {
  return <p>{props.count}</p>;
}

export default function Panel({ open }: { open: boolean }) {
  return open ? <div>open</div> : null;
}
