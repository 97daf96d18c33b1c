/**
 * Creates the todo table.
 *
 * @param {import('knex').Knex} knex
 * @returns {Promise<void>}
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('todos', table => {
    table.string('id').primary();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('todos');
};

/** @type {number} */
exports.version = 3;

exports.describe = function describe(prefix, count = 1) {
  return `${prefix}:${count}`;
};
