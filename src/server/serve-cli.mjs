// `npm run serve`: Vite's module runner loads the TypeScript sources and the bundled lesson files
// (import.meta.glob) exactly as the app's worker gets them, then main.ts starts the server.
import { runnerImport } from 'vite'

await runnerImport('/src/server/main.ts', { configFile: false, logLevel: 'error' })
