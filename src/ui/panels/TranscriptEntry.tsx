import { StreamedOutput } from './StreamedOutput'

interface TranscriptEntryProps {
  commandId: string
  command: string
  output: { text: string; failed: boolean; muted: boolean }
  /** What `logs -f` printed; shown while the command runs (its final answer replaces it). */
  streamed: string | undefined
}

/** One command in the kubectl transcript: the prompt line and what it printed. */
export function TranscriptEntry({ commandId, command, output, streamed }: TranscriptEntryProps) {
  return (
    <div>
      <pre className="prompt">$ kubectl {command}</pre>
      {streamed !== undefined && output.text === '…' ? (
        <StreamedOutput commandId={commandId} text={streamed} />
      ) : (
        <pre className={output.failed ? 'kubectl-error' : output.muted ? 'hint' : undefined}>
          {output.text}
        </pre>
      )}
    </div>
  )
}
