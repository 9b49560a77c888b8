import { spotText } from '../../viz/layout-text'
import type { PlacedComponent } from '../../viz/layout-types'
import type { StatusTone } from '../../viz/map-status'

export interface MapComponentProps {
  component: PlacedComponent
  busy: boolean
  /** Its status line ("stopped", "leader" …), if any. */
  sub?: string | undefined
  tone?: StatusTone | undefined
  /** Extra class and test id for the status line (kube-apiserver's authn/authz verdict). */
  subClass?: string | undefined
  subTestId?: string | undefined
  /** A lesson step points at it. */
  highlighted?: boolean
}

/** One component's box: its name, and a status line under it when it has one. */
export function MapComponent(props: MapComponentProps) {
  const { component: c, busy, sub, tone, subClass, subTestId, highlighted } = props
  const name = sub ? c.labelWithSub : c.labelSpot
  return (
    <g
      className={`component component-${c.kind}${busy ? ' busy' : ''}${tone ? ` status-${tone}` : ''}${highlighted ? ' highlighted' : ''}`}
      data-testid={`component-${c.id}`}
      data-status={sub ?? ''}
    >
      <rect x={c.x} y={c.y} width={c.width} height={c.height} rx={6} />
      <text x={name.x} y={name.y} textAnchor="middle" className="label">
        {spotText(name, c.label)}
      </text>
      {sub && (
        <text
          x={c.sub.x}
          y={c.sub.y}
          textAnchor="middle"
          className={`component-sub${subClass ? ` ${subClass}` : ''}`}
          data-testid={subTestId}
        >
          {spotText(c.sub, sub)}
        </text>
      )}
    </g>
  )
}
