import { Todo } from '@internal/todo-common';

/** Records what happened to todos. */
export class AuditLog {
  readonly entries: string[] = [];
  record(todo: Todo, action: 'created' | 'completed'): void {
    this.entries.push(`${action} ${todo.id}`);
  }
}

export const auditModuleId = 'todo.audit';
