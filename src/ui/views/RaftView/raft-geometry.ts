/** Where each member sits on the ring, and the election-timer arc around it. Pure. */

export interface RingPoint {
  id: string
  x: number
  y: number
}

export interface RingLayout {
  width: number
  height: number
  radius: number
  members: RingPoint[]
  /** The API server sits outside the ring, left of centre. */
  apiServer: RingPoint
}

export const MEMBER_RADIUS = 30

/** Members evenly on a circle, the first at the top, clockwise. */
export function layoutRing(ids: readonly string[], width: number, height: number): RingLayout {
  const cx = width / 2 + 30
  const cy = height / 2
  const radius = Math.max(60, Math.min(width / 2 - 50, height / 2 - MEMBER_RADIUS - 22))
  const members = ids.map((id, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, ids.length)
    return { id, x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) }
  })
  return { width, height, radius, members, apiServer: { id: 'kube-apiserver', x: 62, y: 34 } }
}

/**
 * An SVG arc for the part of the election timer still to run, drawn clockwise from the top.
 * `remaining` is clamped to [0, 1]; 1 is a full circle (drawn as two half arcs).
 */
export function timerArc(x: number, y: number, r: number, remaining: number): string {
  const f = Math.min(1, Math.max(0, remaining))
  if (f <= 0) return ''
  if (f >= 0.9999)
    return `M ${x} ${y - r} A ${r} ${r} 0 1 1 ${x} ${y + r} A ${r} ${r} 0 1 1 ${x} ${y - r}`
  const angle = -Math.PI / 2 + 2 * Math.PI * f
  const ex = x + r * Math.cos(angle)
  const ey = y + r * Math.sin(angle)
  return `M ${x} ${y - r} A ${r} ${r} 0 ${f > 0.5 ? 1 : 0} 1 ${ex.toFixed(2)} ${ey.toFixed(2)}`
}

/** The point at `t` (0…1) of the way from a to b, stopping at the circles' edges. */
export function alongLink(a: RingPoint, b: RingPoint, t: number): { x: number; y: number } {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const length = Math.hypot(dx, dy) || 1
  const inset = MEMBER_RADIUS / length
  const u = inset + (1 - 2 * inset) * Math.min(1, Math.max(0, t))
  return { x: a.x + dx * u, y: a.y + dy * u }
}
