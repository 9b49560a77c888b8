import { useState } from 'react'
import { planPreset, PRESETS } from '../../../protocol/faults/presets'
import type { FaultPlan } from '../../../protocol/faults/catalog'
import { useServices } from '../../app/app-context'
import { faultContextOf, HEAL_AFTER_CHOICES } from '../../app/instructor'
import { formatSimTime } from '../../viz/age'
import { CustomFault } from './CustomFault'
import './failure-panel.css'

/**
 * The instructor's failure panel: the six classic presets, one click each, and any target ×
 * fault from the catalog, each optionally healing itself after a while. Every fault and heal is a
 * recorded action (a timeline marker), so a shared link replays it.
 */
export function FailurePanel() {
  const services = useServices()
  const [healAfter, setHealAfter] = useState<number | undefined>(undefined)
  const [status, setStatus] = useState<{ text: string; error: boolean } | undefined>(undefined)

  const run = (plan: FaultPlan | { error: string }) => {
    if ('error' in plan) {
      setStatus({ text: `Cannot do that now: ${plan.error}.`, error: true })
      return
    }
    const now = services.store.getState().simTimeMs
    services.inject(plan)
    const heals =
      plan.healAfterMs !== undefined
        ? `; heals by itself at t = ${formatSimTime(now + plan.healAfterMs)}`
        : '; heal it with Heal all (Shift+H)'
    setStatus({ text: `${plan.label} at t = ${formatSimTime(now)}${heals}.`, error: false })
  }
  const context = () => faultContextOf(services.store.getState())

  return (
    <section className="failure-panel" aria-labelledby="failure-title" data-testid="failure-panel">
      <h2 id="failure-title">Break the cluster</h2>
      <label className="heal-after">
        Heals by itself
        <select
          value={healAfter ?? ''}
          onChange={(e) => {
            setHealAfter(e.target.value === '' ? undefined : Number(e.target.value))
          }}
          data-testid="heal-after"
        >
          {HEAL_AFTER_CHOICES.map((c) => (
            <option key={c.label} value={c.ms ?? ''}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <h3>Classics</h3>
      <ul className="presets">
        {PRESETS.map((preset) => (
          <li key={preset.id}>
            <button
              type="button"
              data-testid={`preset-${preset.id}`}
              aria-describedby={`preset-${preset.id}-expect`}
              onClick={() => {
                run(planPreset(context(), preset.id, healAfter))
              }}
            >
              {preset.label}
            </button>
            <p id={`preset-${preset.id}-expect`} className="muted">
              {preset.expect}
            </p>
          </li>
        ))}
      </ul>
      <CustomFault healAfterMs={healAfter} onPlan={run} />
      <div className="failure-footer">
        <button
          type="button"
          data-testid="heal-all"
          onClick={() => {
            services.healAll()
            setStatus({ text: 'Healed every fault.', error: false })
          }}
        >
          Heal all <kbd>Shift+H</kbd>
        </button>
        <p
          className={status?.error ? 'failure-status error' : 'failure-status'}
          role="status"
          data-testid="failure-status"
        >
          {status?.text}
        </p>
      </div>
    </section>
  )
}
