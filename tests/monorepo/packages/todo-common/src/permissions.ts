export const todoReadPermission = { name: 'todo.read', attributes: { action: 'read' } } as const;
export type TodoPermission = typeof todoReadPermission;
