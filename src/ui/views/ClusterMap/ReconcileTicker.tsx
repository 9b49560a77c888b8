import { useAppState } from '../../app/app-context'
import { spotText } from '../../viz/layout-text'
import type { TextSpot } from '../../viz/layout-types'

// How long a reconcile stays written after it happened (virtual time).
const SHOW_MS = 8_000

/**
 * The controller manager's latest reconcile, in the control plane: what it observed against what
 * is desired, and what it did ("Deployment nginx: 2 of 3 updated, surge 1 → scaled up …").
 */
export function ReconcileTicker({ spot }: { spot: TextSpot }) {
  const text = useAppState((s) => {
    const last = s.reconciles.at(-1)
    if (!last || last.atMs > s.simTimeMs || s.simTimeMs - last.atMs > SHOW_MS) return ''
    return last.text
  })
  return (
    <text
      x={spot.x}
      y={spot.y}
      className="reconcile-ticker"
      data-testid="reconcile-ticker"
      aria-live="off"
    >
      <title>{text === '' ? '' : `kube-controller-manager: ${text}`}</title>
      {spotText(spot, text)}
    </text>
  )
}
