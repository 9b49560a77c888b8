import type { AppState } from '../../store/store'
import type { AppServices } from './boot'

/** The typed end-to-end test handle, installed in dev builds only (as tldraw's EndToEndApi). */
export interface KcvTestApi {
  state(): AppState
  runKubectl(command: string, stdin?: string): string
  seek(timeMs: number): void
  crashWorker(): void
  /** Every worker from now on dies applying an action whose JSON contains `text`. */
  injectWorkerCrash(text: string): void
}

declare global {
  interface Window {
    __kcv?: KcvTestApi
  }
}

export function installTestApi(services: AppServices): void {
  window.__kcv = {
    state: () => services.store.getState(),
    runKubectl: (command, stdin) => services.runKubectl(command, stdin),
    seek: (timeMs) => {
      services.playback.send({ type: 'SCRUB_START' })
      services.playback.send({ type: 'SCRUB_TO', timeMs })
      services.playback.send({ type: 'SCRUB_END' })
    },
    crashWorker: () => {
      services.client.simulateCrash()
    },
    injectWorkerCrash: (text) => {
      services.client.injectWorkerCrash(text)
    },
  }
}
