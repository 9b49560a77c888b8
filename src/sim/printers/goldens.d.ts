/**
 * Golden files are loaded as text through Vite's `import.meta.glob` with `?raw` (tests only).
 * The sim project has no `vite/client` types, so the one signature the tests use is declared here.
 */
interface ImportMeta {
  glob<T>(
    pattern: string,
    options: { query: '?raw'; import: 'default'; eager: true },
  ): Record<string, T>
}
