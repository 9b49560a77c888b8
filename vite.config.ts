/// <reference types="vitest/config" />
import { build, defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

const EMBED_ENTRY = 'src/embed/kube-viz-element.ts'

/** Bundles the <kube-viz> element into one classic script (no imports, any page can load it). */
async function bundleEmbedScript(write: boolean, outDir = 'dist'): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write,
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: true,
      lib: {
        entry: EMBED_ENTRY,
        formats: ['iife'],
        name: 'KubeVizEmbed',
        fileName: () => 'embed.js',
      },
    },
  })
  const output = Array.isArray(result) ? result[0] : result
  const chunk = output && 'output' in output ? output.output[0] : undefined
  return chunk && 'code' in chunk ? chunk.code : ''
}

/**
 * `/embed.js`: built beside index.html by `vite build`, served (bundled on request) by the dev
 * server, so the example page and course pages load it the same way in both.
 */
function embedScript(): Plugin {
  return {
    name: 'kube-viz-embed-script',
    configureServer(server) {
      server.middlewares.use('/embed.js', (_req, res, next) => {
        bundleEmbedScript(false).then(
          (code) => {
            res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
            res.setHeader('Cache-Control', 'no-cache')
            res.end(code)
          },
          (error: unknown) => {
            next(error)
          },
        )
      })
    },
    async closeBundle() {
      const { command, build } = this.environment.config
      // Beside the app's index.html, wherever this build goes (the e2e build has its own folder).
      if (command === 'build') await bundleEmbedScript(true, build.outDir)
    },
  }
}

export default defineConfig({
  // Relative URLs everywhere: the built site works from any sub-path (a course's /kube/ folder).
  base: './',
  plugins: [react(), embedScript()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  test: {
    include: ['src/**/*.test.ts'],
    benchmark: { include: ['src/**/*.bench.ts'] },
    environment: 'node',
  },
})
