import type { PlacedComponent } from '../../viz/layout-types'
import { spotText } from '../../viz/layout-text'
import { useAuthLine } from './use-auth-line'

interface ComponentBoxProps {
  component: PlacedComponent
  busy: boolean
}

/** One component on the map: its box and name. */
export function ComponentBox({ component: c, busy }: ComponentBoxProps) {
  return (
    <g
      className={`component component-${c.kind}${busy ? ' busy' : ''}`}
      data-testid={`component-${c.id}`}
    >
      <rect x={c.x} y={c.y} width={c.width} height={c.height} rx={6} />
      {c.kind === 'kube-apiserver' ? (
        <ApiServerLabel component={c} />
      ) : (
        <text x={c.labelSpot.x} y={c.labelSpot.y} textAnchor="middle" className="label">
          {spotText(c.labelSpot, c.label)}
        </text>
      )}
    </g>
  )
}

/**
 * kube-apiserver's name and, while recent, what its authentication and authorization made of
 * the student's latest request (only this box subscribes to the decisions).
 */
function ApiServerLabel({ component: c }: { component: PlacedComponent }) {
  const authLine = useAuthLine()
  if (authLine.text === '')
    return (
      <text x={c.labelSpot.x} y={c.labelSpot.y} textAnchor="middle" className="label">
        {spotText(c.labelSpot, c.label)}
      </text>
    )
  return (
    <>
      <text x={c.labelWithSub.x} y={c.labelWithSub.y} textAnchor="middle" className="label">
        {spotText(c.labelWithSub, c.label)}
      </text>
      <text
        x={c.sub.x}
        y={c.sub.y}
        textAnchor="middle"
        className={`sub auth-line${authLine.denied ? ' denied' : ''}`}
        data-testid="auth-line"
      >
        {spotText(c.sub, authLine.text)}
      </text>
    </>
  )
}
