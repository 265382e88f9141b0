/**
 * A static file server over a built site for the browser and link tests (pagefind's index is
 * fetched by the browser, which file:// URLs do not allow). Loopback only; paths outside the
 * directory are refused.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import * as nodePath from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
};

export async function serveDir(dir: string): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const root = nodePath.resolve(dir);
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    let p = nodePath.join(root, decodeURIComponent(u.pathname));
    if (!p.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(p).isDirectory()) p = nodePath.join(p, 'index.html');
      statSync(p);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[nodePath.extname(p)] ?? 'application/octet-stream' });
    createReadStream(p).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
