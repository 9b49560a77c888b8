import type { ScaleViewRequest } from '../../../protocol/scale'
import type { AppServices } from '../../app/boot'

/** Asks the worker for the Pods the page shows now (merged with what else is shown). */
export function requestScaleView(services: AppServices, change: Partial<ScaleViewRequest>): void {
  const { store, client } = services
  const current = store.getState().scaleView
  const next = { ...current, ...change }
  if (JSON.stringify(next) === JSON.stringify(current)) return
  store.setState({ scaleView: next })
  client.setScaleView(next)
}
