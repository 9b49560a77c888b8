import { useMemo } from 'react'
import { useAppState } from '../../app/app-context'
import type { PodRecord } from '../../../protocol/records'
import { mapStatus, type MapStatus } from '../../viz/map-status'

/** The map's status lines and badges; components re-render only when they change. */
export function useMapStatus(): MapStatus {
  const key = useAppState((s) =>
    JSON.stringify(
      mapStatus({
        components: s.components,
        nodes: s.nodes,
        pods: s.podKeys.map((k) => s.pods[k]).filter((p): p is PodRecord => p !== undefined),
        etcd: s.etcd,
        leases: s.leases,
      }),
    ),
  )
  return useMemo(() => JSON.parse(key) as MapStatus, [key])
}
