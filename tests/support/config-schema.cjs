// Prints the config.schema.json value backstage-cli's prepack writes for a package folder (its
// `configSchema` compiled by @backstage/cli-module-build, as installed in benches/backstage-cli):
//   node config-schema.cjs <package folder>
'use strict';
const path = require('path');
const build = path.join(
  __dirname,
  '../../benches/backstage-cli/node_modules/@backstage/cli-module-build/dist/lib/packager/productionPack.cjs.js',
);
const { compilePackageConfigSchemas } = require(build);
(async () => {
  const dir = path.resolve(process.argv[2]);
  const pkg = require(path.join(dir, 'package.json'));
  process.chdir(dir);
  const schemas = await compilePackageConfigSchemas([{ name: pkg.name, dir, packageJson: pkg }]);
  process.stdout.write(JSON.stringify(schemas.get(pkg.name), null, 2) + '\n');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
