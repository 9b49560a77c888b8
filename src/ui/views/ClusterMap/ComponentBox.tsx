import type { ComponentRole } from '../../viz/component-roles'
import { spotText } from '../../viz/layout-text'
import type { PlacedComponent } from '../../viz/layout-types'

interface ComponentBoxProps {
  component: PlacedComponent
  busy: boolean
  /** A second line: leader / standby (HA), or stopped. */
  role?: ComponentRole | undefined
}

/** One component on the map: its box, its name, and its role when it has one. */
export function ComponentBox({ component: c, busy, role }: ComponentBoxProps) {
  const label = role ? c.labelWithSub : c.labelSpot
  return (
    <g
      className={`component component-${c.kind}${busy ? ' busy' : ''}${role ? ` role-${role}` : ''}`}
      data-testid={`component-${c.id}`}
      data-role={role}
    >
      <rect x={c.x} y={c.y} width={c.width} height={c.height} rx={6} />
      <text x={label.x} y={label.y} textAnchor="middle" className="label">
        {spotText(label, c.label)}
      </text>
      {role && (
        <text x={c.sub.x} y={c.sub.y} textAnchor="middle" className="sub">
          {spotText(c.sub, role)}
        </text>
      )}
    </g>
  )
}
