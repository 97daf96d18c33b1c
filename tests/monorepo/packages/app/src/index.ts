export const appTitle: string = 'Todo app';
