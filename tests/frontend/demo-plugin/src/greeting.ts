import messages from './messages.json';

export function greeting(name: string): string {
  return `${messages.hello}, ${name}`;
}
