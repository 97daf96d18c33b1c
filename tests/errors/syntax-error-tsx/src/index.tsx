export function View() {
  return <div><span>unclosed</div>;
}
