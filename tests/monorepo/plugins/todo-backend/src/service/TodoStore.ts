import { Todo, TodoFilter, matches } from '@internal/todo-common';

export class TodoStore {
  private readonly todos: Todo[] = [];

  add(title: string): Todo {
    const todo = { id: String(this.todos.length + 1), title, done: false };
    this.todos.push(todo);
    return todo;
  }

  list(filter: TodoFilter = TodoFilter.All): Todo[] {
    return this.todos.filter(todo => matches(todo, filter));
  }
}
