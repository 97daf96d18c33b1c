/**
 * @param {string} title
 * @param {boolean} [done]
 * @returns {string}
 */
export function formatTodo(title, done) {
  return done ? `[x] ${title}` : `[ ] ${title}`;
}

export const separator = ' | ';
