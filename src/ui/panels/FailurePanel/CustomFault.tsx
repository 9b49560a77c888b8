import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import {
  faultKindsFor,
  faultTargets,
  planFault,
  TARGET_KIND_LABELS,
  type FaultPlan,
  type FaultTarget,
  type TargetKind,
} from '../../../protocol/faults/catalog'
import { useAppState } from '../../app/app-context'
import { faultContextOf } from '../../app/instructor'

interface CustomFaultProps {
  healAfterMs: number | undefined
  onPlan: (plan: FaultPlan | { error: string }) => void
}

/** Any target × fault from the catalog: pick what to break, how, and (if it has one) how much. */
export function CustomFault({ healAfterMs, onPlan }: CustomFaultProps) {
  const context = useAppState(useShallow((s) => faultContextOf(s)))
  const targets = faultTargets(context)
  const [targetId, setTargetId] = useState('')
  const target = targets.find((t) => t.id === targetId) ?? targets[0]
  const kinds = target ? faultKindsFor(target) : []
  const [kindId, setKindId] = useState('')
  const kind = kinds.find((k) => k.id === kindId) ?? kinds[0]
  const [value, setValue] = useState<number | undefined>(undefined)
  const chosenValue =
    kind?.value?.choices.some((c) => c.value === value) === true
      ? value
      : kind?.value?.choices[0]?.value
  return (
    <fieldset className="custom-fault">
      <legend>Any component, any fault</legend>
      <TargetSelect
        targets={targets}
        value={target?.id ?? ''}
        onChange={(id) => {
          setTargetId(id)
        }}
      />
      <label>
        Fault
        <select
          value={kind?.id ?? ''}
          onChange={(e) => {
            setKindId(e.target.value)
          }}
          data-testid="fault-kind"
        >
          {kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {kind?.value && (
        <label>
          {kind.value.label}
          <select
            value={chosenValue}
            onChange={(e) => {
              setValue(Number(e.target.value))
            }}
            data-testid="fault-value"
          >
            {kind.value.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind && <p className="muted">{kind.effect}</p>}
      <button
        type="button"
        className="primary"
        disabled={!target || !kind}
        data-testid="inject-fault"
        onClick={() => {
          if (!target || !kind) return
          onPlan(
            planFault(context, {
              kind: kind.id,
              target: target.id,
              value: chosenValue,
              healAfterMs,
            }),
          )
        }}
      >
        Inject fault
      </button>
    </fieldset>
  )
}

interface TargetSelectProps {
  targets: FaultTarget[]
  value: string
  onChange: (id: string) => void
}

/** The targets, grouped by kind (etcd members, components, nodes, links). */
function TargetSelect({ targets, value, onChange }: TargetSelectProps) {
  const groups = [...new Set(targets.map((t) => t.kind))] as TargetKind[]
  return (
    <label>
      Target
      <select
        value={value}
        onChange={(e) => {
          onChange(e.target.value)
        }}
        data-testid="fault-target"
      >
        {groups.map((group) => (
          <optgroup key={group} label={TARGET_KIND_LABELS[group]}>
            {targets
              .filter((t) => t.kind === group)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </label>
  )
}
