import { useServices } from '../app/app-context'

interface StreamedOutputProps {
  commandId: string
  text: string
}

/** What a running `kubectl logs -f` printed so far, and Ctrl-C to stop it. */
export function StreamedOutput({ commandId, text }: StreamedOutputProps) {
  const { dispatch } = useServices()
  return (
    <>
      <pre>{text.replace(/\n$/, '')}</pre>
      <button
        type="button"
        onClick={() => {
          dispatch({ type: 'interruptKubectl', commandId })
        }}
        data-testid="kubectl-interrupt"
      >
        Stop (Ctrl-C)
      </button>
    </>
  )
}
