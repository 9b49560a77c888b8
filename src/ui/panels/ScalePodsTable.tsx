import { useCallback, useEffect } from 'react'
import { useAppState, useServices } from '../app/app-context'
import { requestScaleView } from '../views/ScaleView/request-scale-view'
import { VirtualPodsTable } from './VirtualPodsTable'

/**
 * Scale mode's Pods table: the worker holds the Pods (up to 150,000) and sends only the rows in
 * view, which this asks for as the table scrolls.
 */
export function ScalePodsTable() {
  const services = useServices()
  const window = useAppState((s) => s.podWindow)
  const total = useAppState((s) => s.podWindow?.total ?? s.scaleMap?.totals.pods ?? 0)
  const onWindow = useCallback(
    (first: number, count: number) => {
      requestScaleView(services, { podWindow: { offset: first, count } })
    },
    [services],
  )
  useEffect(
    () => () => {
      requestScaleView(services, { podWindow: null })
    },
    [services],
  )
  return (
    <section className="pods panel" aria-labelledby="pods-title">
      <h2 id="pods-title">Pods</h2>
      <p className="muted" data-testid="pods-count">
        {total.toLocaleString('en')} Pods, in the order they were created; only the rows in view are
        sent and drawn.
      </p>
      <VirtualPodsTable
        total={total}
        rows={window?.rows ?? []}
        offset={window?.offset ?? 0}
        onWindow={onWindow}
        caption={`${String(total)} Pods in creation order.`}
      />
    </section>
  )
}
