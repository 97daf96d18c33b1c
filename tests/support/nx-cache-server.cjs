// A self-hosted Nx remote cache, as Nx documents its HTTP protocol (Nx 20.8+): PUT and GET
// /v1/cache/{hash} with a tar archive as the body, a bearer token, 409 for a hash already stored,
// 404 for one never stored. For tests:
//   node nx-cache-server.cjs <storage folder> <token>
// It listens on 127.0.0.1 (a free port, printed as its only line of output) and exits when its
// standard input closes (the test that started it ended, however it ended) or after ten minutes.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const [storage, token] = process.argv.slice(2);
fs.mkdirSync(storage, { recursive: true });

const server = http.createServer((request, response) => {
  const match = /^\/v1\/cache\/([A-Za-z0-9_-]+)$/.exec(request.url);
  const finish = (status, body) => {
    response.writeHead(status);
    response.end(body);
  };
  if (request.headers.authorization !== `Bearer ${token}`) return finish(401);
  if (!match) return finish(404);
  const file = path.join(storage, match[1]);
  if (request.method === 'GET') {
    if (!fs.existsSync(file)) return finish(404);
    return finish(200, fs.readFileSync(file));
  }
  if (request.method === 'PUT') {
    if (fs.existsSync(file)) return finish(409);
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      fs.writeFileSync(file, Buffer.concat(chunks));
      finish(200);
    });
    return;
  }
  finish(405);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), 600_000).unref();
