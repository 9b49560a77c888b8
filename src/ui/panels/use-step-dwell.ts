import { useEffect, useState } from 'react'
import type { FlowStep } from '../../sim/index'

// Each newly reached step stays highlighted at least this long, so a student sees every step
// even when two begin in the same instant (the kubelet starts step 5 and reports step 6 at once).
const MIN_DWELL_MS = 450

/**
 * Which step to highlight: walks through `stepsSeen` (in the order the simulation reached them)
 * one at a time, never faster than MIN_DWELL_MS. Resets when a new object is followed.
 */
export function useStepDwell(
  stepsSeen: readonly FlowStep[],
  followKey: string,
): FlowStep | undefined {
  const [shown, setShown] = useState({ key: followKey, index: -1 })
  const index = shown.key === followKey ? shown.index : -1
  useEffect(() => {
    if (index >= stepsSeen.length - 1) return
    const delay = index < 0 ? 0 : MIN_DWELL_MS
    const timer = setTimeout(() => {
      setShown({ key: followKey, index: index + 1 })
    }, delay)
    return () => {
      clearTimeout(timer)
    }
  }, [index, stepsSeen.length, followKey])
  return index >= 0 ? stepsSeen[index] : undefined
}
