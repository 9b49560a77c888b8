import { useEffect, useState } from 'react'
import { revealSteps, stepDurationMs } from '../../viz/matrix-reveal'

const prefersReducedMotion = (): boolean =>
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches

// Decisions already shown in full: switching tabs or pods and coming back does not replay them.
const shownInFull = new Set<string>()

/**
 * Steps through a decision's reveal on the wall clock, restarting when `decisionKey` changes.
 * Reduced motion, or `instant` (a new decision every few seconds: scale mode), shows the end
 * state at once; `replay` still steps through it.
 */
export function useReveal(
  decisionKey: string,
  rows: number,
  scoreColumns: number,
  speed: number,
  instant = false,
): { step: number; animating: boolean; skip: () => void; replay: () => void } {
  const total = revealSteps(rows, scoreColumns)
  const [state, setState] = useState({ key: '', step: 0, run: 0 })
  const current =
    state.key === decisionKey
      ? state
      : {
          key: decisionKey,
          step: instant || shownInFull.has(decisionKey) ? total : 0,
          run: state.run,
        }
  if (current !== state) setState(current)
  const done = prefersReducedMotion() || current.step >= total
  if (done) shownInFull.add(decisionKey)
  useEffect(() => {
    if (done) return
    const timer = window.setTimeout(
      () => {
        setState((s) => (s.key === decisionKey ? { ...s, step: s.step + 1 } : s))
      },
      stepDurationMs(current.step, rows, scoreColumns, speed),
    )
    return () => {
      window.clearTimeout(timer)
    }
  }, [decisionKey, current.step, current.run, done, rows, scoreColumns, speed])
  return {
    step: done ? total : current.step,
    animating: !done,
    skip: () => {
      setState((s) => ({ ...s, step: total }))
    },
    replay: () => {
      setState((s) => ({ key: decisionKey, step: 0, run: s.run + 1 }))
    },
  }
}
