/**
 * How a message moves between its sender and its receiver. Gliding shows it at the fraction of
 * its trip that time has covered; hopping (prefers-reduced-motion, or the viewer stopped
 * animations: WCAG 2.2.2 and 2.3.3) shows it at the sender, half-way, then at the receiver, so
 * where it is stays readable and nothing moves smoothly.
 */
export type Motion = 'glide' | 'hop'

const HOPS = 2

export function tripFraction(t: number, motion: Motion): number {
  const clamped = Math.min(1, Math.max(0, t))
  return motion === 'glide' ? clamped : Math.min(HOPS, Math.floor(clamped * (HOPS + 1))) / HOPS
}

/** The motion the viewer asked for: their system's reduced motion, or the page's stop switch. */
export function motionFor(animationsPaused: boolean, reducedMotion: boolean): Motion {
  return animationsPaused || reducedMotion ? 'hop' : 'glide'
}
