'use strict';
// Serves the console's build (console/dist) and its config.json ({apiBase}: where the browser
// calls the API; the API grants CORS to this origin). Node's http module only.
const http = require('http');
const fs = require('fs');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function send(res, status, type, body, cache = 'no-cache') {
  res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function handler(root, config) {
  const configBody = JSON.stringify(config);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(res, 400, 'text/plain', 'bad request');
    }
    if (pathname === '/config.json') return send(res, 200, TYPES['.json'], configBody);
    const file = path.normalize(path.join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root + path.sep)) return send(res, 403, 'text/plain', 'forbidden');
    fs.readFile(file, (err, body) => {
      // An unknown path without an extension is the app shell (the console routes by #hash anyway).
      if (err && !path.extname(pathname))
        return fs.readFile(path.join(root, 'index.html'), (e2, shell) =>
          e2 ? send(res, 404, 'text/plain', 'not found') : send(res, 200, TYPES['.html'], shell),
        );
      if (err) return send(res, 404, 'text/plain', 'not found');
      const ext = path.extname(file).toLowerCase();
      // Hashed assets never change; index.html must stay fresh to pick up new hashes.
      send(
        res,
        200,
        TYPES[ext] || 'application/octet-stream',
        body,
        ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    });
  };
}

/**
 * @param {{ host?: string, port?: number, dir?: string, apiUrl: string }} opts (port 0: a free one)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function startConsoleServer({ host = '127.0.0.1', port = 10087, dir, apiUrl }) {
  const root = path.resolve(dir || path.join(__dirname, '..', 'dist'));
  if (!fs.existsSync(path.join(root, 'index.html')))
    return Promise.reject(
      new Error(`no console build in ${root}: run \`npm run build -w @greenpoints/console\` first`),
    );
  if (!apiUrl) return Promise.reject(new Error('startConsoleServer needs apiUrl'));
  const server = http.createServer(handler(root, { apiBase: apiUrl.replace(/\/+$/, '') }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        url: `http://${host}:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // Keep-alive sockets from the browser would hold close() open forever.
            server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { startConsoleServer };

if (require.main === module) {
  const port = Number(process.env.CONSOLE_PORT || 10087);
  const apiUrl = process.env.API_URL || 'http://127.0.0.1:3000';
  startConsoleServer({ port, apiUrl }).then(
    (s) => console.log(`[greenpoints] staff console: ${s.url}  (API ${apiUrl})`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
