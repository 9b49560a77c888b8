import { useEffect } from 'react'
import { useAppState, useServices } from '../../app/app-context'
import { requestScaleView } from '../ScaleView/request-scale-view'

/**
 * Scale mode: asks the worker for the shown decision in full (the picked Pod's, or the newest),
 * while the panel shows one; the others come as headlines. Elsewhere every decision is whole.
 */
export function useScaleDecision(shown: boolean): void {
  const services = useServices()
  const scaleRun = useAppState((s) => s.scaleRun !== undefined)
  const picked = useAppState((s) => s.decisionPod)
  useEffect(() => {
    if (!scaleRun) return
    requestScaleView(services, { decision: shown ? (picked ?? '') : null })
  }, [services, scaleRun, shown, picked])
  useEffect(
    () => () => {
      if (services.store.getState().scaleRun) requestScaleView(services, { decision: null })
    },
    [services],
  )
}
