'use strict';
// Serves the H5 build and proxies /api/* to the API, so the app and the API share one origin
// (no CORS) exactly as in production behind a gateway. Node's http module only: no new deps.
const http = require('http');
const fs = require('fs');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Hop-by-hop headers must not be forwarded by a proxy (RFC 7230 §6.1).
const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP.has(k.toLowerCase())) out[k] = v;
  return out;
}

function proxy(req, res, target) {
  // /api/orders?x=1 -> <apiUrl>/orders?x=1
  const rest = req.url.slice('/api'.length) || '/';
  const url = new URL(target.pathname.replace(/\/+$/, '') + (rest.startsWith('/') ? rest : `/${rest}`), target);
  const headers = forwardHeaders(req.headers);
  headers.host = url.host;
  const upstream = http.request(
    {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      method: req.method,
      path: url.pathname + url.search,
      headers,
    },
    (up) => {
      res.writeHead(up.statusCode || 502, forwardHeaders(up.headers));
      up.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({ error: { code: 'bad_gateway', message: `API unreachable: ${err.code || err.message}` } }),
      );
    } else res.destroy(err);
  });
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
}

function serveFile(res, file, method) {
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const ext = path.extname(file).toLowerCase();
    // Hashed assets never change; index.html must always be fresh to pick up new hashes.
    const cache = ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
    res.writeHead(200, {
      'content-type': TYPES[ext] || 'application/octet-stream',
      'content-length': st.size,
      'cache-control': cache,
    });
    if (method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
}

function serveStatic(req, res, root) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400);
    res.end();
    return;
  }
  const file = path.normalize(path.join(root, pathname));
  // Refuse anything that escapes the build folder (../ tricks).
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403);
    res.end();
    return;
  }
  fs.stat(file, (err, st) => {
    if (!err && st.isFile()) return serveFile(res, file, req.method);
    // SPA fallback: unknown paths without an extension get the app shell.
    if (!path.extname(pathname)) return serveFile(res, path.join(root, 'index.html'), req.method);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  });
}

/**
 * @param {{ host?: string, port?: number, dir?: string, apiUrl: string }} opts
 *   port 0 picks a free port; dir defaults to client/dist/h5.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function startH5Server({ host = '127.0.0.1', port = 10086, dir, apiUrl }) {
  const root = path.resolve(dir || path.join(__dirname, '..', 'dist', 'h5'));
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    return Promise.reject(new Error(`no H5 build in ${root}: run \`npm run build:h5 -w @greenpoints/client\` first`));
  }
  if (!apiUrl) return Promise.reject(new Error('startH5Server needs apiUrl'));
  const target = new URL(apiUrl);
  const server = http.createServer((req, res) => {
    if (req.url === '/api' || req.url.startsWith('/api/') || req.url.startsWith('/api?')) proxy(req, res, target);
    else serveStatic(req, res, root);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const url = `http://${host}:${addr.port}`;
      resolve({
        url,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // Keep-alive sockets from the browser would hold close() open forever.
            if (server.closeAllConnections) server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { startH5Server };

if (require.main === module) {
  const port = Number(process.env.H5_PORT || 10086);
  const apiUrl = process.env.API_URL || 'http://127.0.0.1:3000';
  startH5Server({ port, apiUrl }).then(
    (s) => console.log(`[greenpoints] H5 app: ${s.url}  (API proxied from /api to ${apiUrl})`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
