import { startStandaloneServer } from './service/standaloneServer';

const port = process.env.PLUGIN_PORT ? Number(process.env.PLUGIN_PORT) : 7007;

startStandaloneServer({ port }).catch(error => {
  console.error(error);
  process.exit(1);
});

process.on('SIGINT', () => {
  console.log('CTRL+C pressed; exiting.');
  process.exit(0);
});
