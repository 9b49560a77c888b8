import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { RecordedAction } from '../../sim/index'
import type { KubectlOutputRecord } from '../../protocol/records'
import { useAppState, useServices } from '../app/app-context'
import { TranscriptEntry } from './TranscriptEntry'
import { formatSimTime } from '../viz/age'
import { commandHistory, historyStep, type HistoryCursor } from '../viz/prompt-history'

interface Entry {
  id: string
  command: string
}

// As many lines as the prompt keeps typed commands (boot.ts MAX_ENTRIES).
const MAX_LINES = 30

/** What to show under a command: its output, '…' while it runs, or why it has none now. */
function outputOf(
  id: string,
  outputs: readonly KubectlOutputRecord[],
  actions: readonly RecordedAction[],
  simTimeMs: number,
): { text: string; failed: boolean; muted: boolean } {
  const out = outputs.find((o) => o.commandId === id)
  if (out) return { text: out.output, failed: out.exitCode !== 0, muted: false }
  const action = actions.find((a) => a.action.type === 'runKubectl' && a.action.commandId === id)
  if (!action)
    return { text: '(not run: the history forked before it)', failed: false, muted: true }
  if (action.atMs > simTimeMs)
    return {
      text: `(runs at t = ${formatSimTime(action.atMs)}, after the time shown)`,
      failed: false,
      muted: true,
    }
  return { text: '…', failed: false, muted: true }
}

const HINT =
  "Commands go to the simulated API server, as the real kubectl's would. Try: get pods -o wide, get nodes, get events, describe pod web, logs web, logs -f web, get endpointslices, expose rs web --port=80, describe svc web. Up and down recall earlier commands."

/**
 * A kubectl prompt: each command goes to the simulated API server like the real CLI's would.
 * Up and down walk the history; after a seek, a command from later in time says so.
 */
export function KubectlConsole() {
  const { store, runInPrompt } = useServices()
  const live = useAppState((s) => s.kubectlLive)
  const { entries, input, outputs, actions, simTimeMs } = useAppState(
    useShallow((s) => ({
      entries: s.consoleEntries,
      input: s.kubectlPrompt,
      outputs: s.kubectl,
      actions: s.actions,
      simTimeMs: s.simTimeMs,
    })),
  )
  const [cursor, setCursor] = useState<HistoryCursor>({ index: -1, draft: '' })
  const transcript = useRef<HTMLDivElement>(null)
  // Keep the newest command and its output in view, as a terminal does.
  useEffect(() => {
    const box = transcript.current
    if (box) box.scrollTop = box.scrollHeight
  }, [entries, outputs])
  const setInput = (line: string) => {
    store.setState({ kubectlPrompt: line })
  }
  const lines = useMemo(() => withLessonCommands(entries, actions), [entries, actions])
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault()
    runInPrompt(input)
    setCursor({ index: -1, draft: '' })
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return
    event.preventDefault()
    const history = commandHistory(entries.map((e) => e.command))
    const step = historyStep(history, cursor, input, event.key === 'ArrowUp' ? 'older' : 'newer')
    setCursor(step.cursor)
    setInput(step.line)
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
        ref={transcript}
      >
        {lines.length === 0 && <pre className="hint">{HINT}</pre>}
        {lines.map((entry) => (
          <TranscriptEntry
            key={entry.id}
            commandId={entry.id}
            command={entry.command}
            output={outputOf(entry.id, outputs, actions, simTimeMs)}
            streamed={live[entry.id]}
          />
        ))}
      </div>
      <form onSubmit={submit} className="prompt-form">
        <label htmlFor="kubectl-input">$ kubectl</label>
        <input
          id="kubectl-input"
          value={input}
          onChange={(e) => {
            setInput(e.target.value)
            setCursor({ index: -1, draft: '' })
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          data-testid="kubectl-input"
        />
        <button type="submit">Run</button>
      </form>
    </section>
  )
}

/**
 * The commands typed here, and a lesson's own (its scenario and Show me run kubectl as a student
 * would), in the order they ran; the last MAX_LINES.
 */
function withLessonCommands(typed: readonly Entry[], actions: readonly RecordedAction[]): Entry[] {
  const ranAt = new Map<string, number>()
  const lesson: (Entry & { atMs: number })[] = []
  for (const { atMs, action } of actions) {
    if (action.type !== 'runKubectl') continue
    ranAt.set(action.commandId, atMs)
    if (action.commandId.startsWith('lesson-'))
      lesson.push({ id: action.commandId, command: action.command, atMs })
  }
  // A command typed but not yet in the log is the latest.
  const all = [...typed.map((e) => ({ ...e, atMs: ranAt.get(e.id) ?? Infinity })), ...lesson]
  return all.sort((a, b) => (a.atMs === b.atMs ? 0 : a.atMs < b.atMs ? -1 : 1)).slice(-MAX_LINES)
}
