import { useState, type SyntheticEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppState, useServices } from '../app/app-context'

interface Entry {
  id: string
  command: string
}

/** A kubectl prompt: each command goes to the simulated API server like the real CLI's would. */
export function KubectlConsole() {
  const { runKubectl, dispatch } = useServices()
  const live = useAppState((s) => s.kubectlLive)
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
      {/* Long output (describe, logs) scrolls: focusable so the keyboard can scroll it (WCAG 2.1.1). */}
      <div
        className="transcript"
        role="log"
        aria-label="kubectl output"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        data-testid="kubectl-transcript"
      >
        {entries.length === 0 && (
          <pre className="hint">
            Commands go to the simulated API server, as the real kubectl&apos;s would. Try: get pods
            -o wide, get nodes, get events, describe pod web, logs web, logs -f web, get
            endpointslices, expose rs web --port=80, describe svc web
          </pre>
        )}
        {entries.map((entry) => {
          const out = outputs.find((o) => o.commandId === entry.id)
          const streamed = live[entry.id]
          return (
            <div key={entry.id}>
              <pre className="prompt">$ kubectl {entry.command}</pre>
              <pre className={out && out.exitCode !== 0 ? 'kubectl-error' : undefined}>
                {out ? out.output : (streamed?.replace(/\n$/, '') ?? '…')}
              </pre>
              {!out && streamed !== undefined && (
                <button
                  type="button"
                  onClick={() => {
                    dispatch({ type: 'interruptKubectl', commandId: entry.id })
                  }}
                  data-testid="kubectl-interrupt"
                >
                  Stop (Ctrl-C)
                </button>
              )}
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
