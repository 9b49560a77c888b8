import { useState, type SyntheticEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'

interface Entry {
  id: string
  command: string
}

/** A kubectl prompt: each command goes to the simulated API server like the real CLI's would. */
export function KubectlConsole() {
  const { runKubectl } = useServices()
  const [input, setInput] = useState('get pods -o wide')
  const [entries, setEntries] = useState<Entry[]>([])
  const outputs = useAppState(useShallow((s) => s.kubectl))
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault()
    const command = input.trim().replace(/^kubectl\s+/, '')
    if (command === '') return
    // Dispatch outside the state updater: React may run an updater twice (StrictMode).
    const id = runKubectl(command)
    setEntries((list) => [...list.slice(-9), { id, command }])
  }
  return (
    <section className="console panel" aria-labelledby="console-title">
      <h2 id="console-title">kubectl</h2>
      <div className="transcript" data-testid="kubectl-transcript">
        {entries.length === 0 && (
          <pre className="hint">
            Commands go to the simulated API server, as the real kubectl&apos;s would. Try: get pods
            -o wide, get nodes, get events, describe pod web, delete pod web
          </pre>
        )}
        {entries.map((entry) => {
          const out = outputs.find((o) => o.commandId === entry.id)
          return (
            <div key={entry.id}>
              <pre className="prompt">$ kubectl {entry.command}</pre>
              <pre className={out && out.exitCode !== 0 ? 'kubectl-error' : undefined}>
                {out ? out.output : '…'}
              </pre>
            </div>
          )
        })}
      </div>
      <form onSubmit={submit} className="prompt-form">
        <label htmlFor="kubectl-input">$ kubectl</label>
        <input
          id="kubectl-input"
          value={input}
          onChange={(e) => {
            setInput(e.target.value)
          }}
          autoComplete="off"
          spellCheck={false}
          data-testid="kubectl-input"
        />
        <button type="submit">Run</button>
      </form>
    </section>
  )
}
