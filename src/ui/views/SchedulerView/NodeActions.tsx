import { useState, type SyntheticEvent } from 'react'
import type { NodeRecord } from '../../../protocol/records'
import { useServices } from '../../app/app-context'
import { labelInputError, taintInputError } from '../../viz/node-action-input'
import { quantityInputError } from '../../viz/quantities'

interface NodeActionsProps {
  node: NodeRecord
  run: (command: string) => void
}

interface SpecFormProps {
  id: string
  label: string
  placeholder: string
  validate: (text: string) => string | undefined
  onSubmit: (text: string) => void
}

/** One text field that checks its input first; on error the text stays for fixing. */
function SpecForm({ id, label, placeholder, validate, onSubmit }: SpecFormProps) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault()
    const problem = validate(text)
    setError(problem)
    if (problem === undefined) onSubmit(text.trim())
  }
  return (
    <form className="spec-form" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={text}
        placeholder={placeholder}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value)
        }}
        spellCheck={false}
        autoComplete="off"
      />
      <button type="submit">Add</button>
      {error && (
        <p id={`${id}-error`} className="input-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

function CapacityForm({ node }: { node: NodeRecord }) {
  const { dispatch } = useServices()
  const [cpu, setCpu] = useState(node.capacity.cpu)
  const [memory, setMemory] = useState(node.capacity.memory)
  const [pods, setPods] = useState(node.capacity.pods)
  const [error, setError] = useState<string | undefined>()
  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault()
    const podCount = Number(pods)
    const problem =
      quantityInputError('cpu', cpu) ??
      quantityInputError('memory', memory) ??
      (Number.isInteger(podCount) && podCount >= 0
        ? undefined
        : `pods: "${pods}" is not a whole number`)
    setError(problem)
    if (problem !== undefined) return
    dispatch({ type: 'setNodeCapacity', node: node.name, cpu, memory, pods: podCount })
  }
  const field = (name: string, value: string, set: (v: string) => void) => (
    <label>
      {name}
      <input
        value={value}
        size={7}
        onChange={(e) => {
          set(e.target.value)
        }}
        data-testid={`capacity-${name}-${node.name}`}
      />
    </label>
  )
  return (
    <form className="capacity-form" onSubmit={submit} aria-label={`Capacity of ${node.name}`}>
      {field('cpu', cpu, setCpu)}
      {field('memory', memory, setMemory)}
      {field('pods', pods, setPods)}
      <button type="submit">Set capacity (kubelet reports it)</button>
      {error && (
        <p className="input-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** Everything a user can change about one node; each change is a kubectl command or a SimAction. */
export function NodeActions({ node, run }: NodeActionsProps) {
  return (
    <div className="node-actions" data-testid={`node-actions-${node.name}`}>
      <SpecForm
        id={`taint-${node.name}`}
        label="Taint"
        placeholder="dedicated=gpu:NoSchedule"
        validate={taintInputError}
        onSubmit={(spec) => {
          run(`taint nodes ${node.name} ${spec}`)
        }}
      />
      <SpecForm
        id={`label-${node.name}`}
        label="Label"
        placeholder="disk=ssd"
        validate={labelInputError}
        onSubmit={(spec) => {
          run(`label nodes ${node.name} ${spec}`)
        }}
      />
      <CapacityForm node={node} />
    </div>
  )
}
