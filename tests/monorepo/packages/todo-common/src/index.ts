export interface Todo {
  id: string;
  title: string;
  done: boolean;
}

export enum TodoFilter {
  All = 'all',
  Open = 'open',
  Done = 'done',
}

export function matches(todo: Todo, filter: TodoFilter): boolean {
  return filter === TodoFilter.All || (filter === TodoFilter.Done) === todo.done;
}

export * from './permissions';
