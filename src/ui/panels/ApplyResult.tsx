import { useAppState } from '../app/app-context'

/** What the latest `kubectl apply` from the editor printed, as kubectl prints it. */
export function ApplyResult() {
  const result = useAppState((s) => s.kubectl.find((k) => k.commandId === s.lastApply))
  if (!result) return null
  const failed = result.exitCode !== 0
  return (
    <pre
      className={failed ? 'kubectl-error' : 'kubectl-ok'}
      role={failed ? 'alert' : 'status'}
      data-testid={failed ? 'manifest-error' : 'apply-output'}
    >
      {result.output}
    </pre>
  )
}
