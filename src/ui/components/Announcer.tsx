import { useEffect, useRef, useState } from 'react'
import { useServices } from '../app/app-context'
import type { AppState } from '../../store/store'
import { FLOW_STEPS } from '../viz/flow-steps'
import { flowViewAt } from '../viz/flow-view'

// A screen reader needs time to speak: at most one announcement this often; the newest wins.
const MIN_GAP_MS = 1_500

/** The followed flow's step in progress at the store's time (1–6), if any. */
function activeStep(s: Pick<AppState, 'flow' | 'simTimeMs'>): number | undefined {
  const index = flowViewAt(s.flow, s.simTimeMs).states.indexOf('active')
  return index === -1 ? undefined : index + 1
}

/**
 * The polite live region: what the simulation is doing, in words (the request flow's steps, a
 * fault applied, an etcd leader elected), spoken without interrupting. Lessons add goal ticks.
 */
export function Announcer() {
  const { store } = useServices()
  const [text, setText] = useState('')
  const pending = useRef<string | undefined>(undefined)
  useEffect(() => {
    let last = 0
    let timer: number | undefined
    const flush = () => {
      timer = undefined
      if (pending.current === undefined) return
      setText(pending.current)
      pending.current = undefined
      last = performance.now()
    }
    const say = (message: string) => {
      pending.current = message
      const wait = Math.max(0, last + MIN_GAP_MS - performance.now())
      timer ??= window.setTimeout(flush, wait)
    }
    const unsubscribe = store.subscribe((s, previous) => {
      const active = activeStep(s)
      if (active !== undefined && active !== activeStep(previous)) {
        const step = FLOW_STEPS.find((f) => f.step === active)
        if (step) say(`Step ${step.step} of 6: ${step.title}.`)
      }
      const leader = s.etcd?.members.find((m) => m.running && m.role === 'leader')
      const before = previous.etcd?.members.find((m) => m.running && m.role === 'leader')
      if (s.etcd && leader?.id !== before?.id)
        say(
          leader
            ? `etcd: ${leader.id} is the leader at term ${leader.term}.`
            : 'etcd has no leader.',
        )
      if (s.actions.length > previous.actions.length) {
        const applied = s.actions.filter((a) => a.atMs <= s.simTimeMs).length
        const was = previous.actions.filter((a) => a.atMs <= previous.simTimeMs).length
        if (applied > was) say('Your action was applied.')
      }
    })
    return () => {
      unsubscribe()
      if (timer !== undefined) window.clearTimeout(timer)
    }
  }, [store])
  return (
    <div className="visually-hidden" aria-live="polite" data-testid="announcer">
      {text}
    </div>
  )
}
