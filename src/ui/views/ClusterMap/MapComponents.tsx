import { useShallow } from 'zustand/react/shallow'
import { useAppState } from '../../app/app-context'
import { isHighlighted } from '../../viz/highlight'
import type { PlacedComponent } from '../../viz/layout-types'
import type { MapStatus } from '../../viz/map-status'
import { ApiServerComponent } from './ApiServerComponent'
import { MapComponent } from './MapComponent'

export interface MapComponentsProps {
  components: Readonly<Record<string, PlacedComponent>>
  busy: ReadonlySet<string>
  status: MapStatus
}

/** Every component's box; kube-apiserver's shows its verdict on the student's latest request. */
export function MapComponents({ components, busy, status }: MapComponentsProps) {
  // A lesson step's highlight.
  const highlight = useAppState(useShallow((s) => s.highlight))
  return Object.values(components).map((c) => {
    const props = {
      component: c,
      busy: busy.has(c.id),
      sub: status.subs[c.id],
      tone: status.tones[c.id],
      highlighted: isHighlighted(highlight, c.id),
    }
    return c.kind === 'kube-apiserver' ? (
      <ApiServerComponent key={c.id} {...props} />
    ) : (
      <MapComponent key={c.id} {...props} />
    )
  })
}
