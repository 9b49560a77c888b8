// Static origins for the e2e tests, loopback only.
//   node e2e/static-server.mjs PORT          the second origin: the example course page (public/)
//                                            at /, the built site (dist/) under a sub-path, as a
//                                            course site would host it.
//   node e2e/static-server.mjs PORT DIR      the app's own origin: the e2e build (DIR) at /.
import { createServer } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'

const PORT = Number(process.argv[2] ?? 5200)
const APP_DIR = process.argv[3]
const ROOT = resolve(import.meta.dirname, '..')
export const SUB_PATH = '/course/kube-viz/'
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
}

function rootAndPath(pathname) {
  if (APP_DIR !== undefined) return [APP_DIR, pathname.slice(1)]
  return pathname.startsWith(SUB_PATH)
    ? ['dist', pathname.slice(SUB_PATH.length)]
    : ['public', pathname.slice(1)]
}

async function fileFor(pathname) {
  const [base, rel] = rootAndPath(pathname)
  const path = normalize(join(ROOT, base, rel || 'index.html'))
  if (!path.startsWith(join(ROOT, base))) return undefined
  const info = await stat(path).catch(() => undefined)
  if (!info) return undefined
  return info.isDirectory() ? join(path, 'index.html') : path
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${PORT}`)
  const path = await fileFor(decodeURIComponent(url.pathname))
  const body = path ? await readFile(path).catch(() => undefined) : undefined
  if (!path || !body) {
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    res.end('not found')
    return
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' })
  res.end(body)
}).listen(PORT, '127.0.0.1', () => {
  const serves = APP_DIR !== undefined ? `${APP_DIR}/ at /` : `public/ at /, dist/ at ${SUB_PATH}`
  console.log(`static server on http://127.0.0.1:${PORT} (${serves})`)
})
