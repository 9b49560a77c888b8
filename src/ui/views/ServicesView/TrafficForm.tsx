interface TrafficFormProps {
  clients: string[]
  from: string | undefined
  count: number
  target: string
  onClient: (client: string) => void
  onCount: (count: number) => void
  onSend: () => void
}

/** Which client Pod, how many requests, and the Send button. */
export function TrafficForm({
  clients,
  from,
  count,
  target,
  onClient,
  onCount,
  onSend,
}: TrafficFormProps) {
  return (
    <form
      className="traffic-form"
      onSubmit={(e) => {
        e.preventDefault()
        onSend()
      }}
    >
      <label>
        from Pod{' '}
        <select
          value={from ?? ''}
          onChange={(e) => {
            onClient(e.target.value)
          }}
          data-testid="traffic-client"
        >
          {clients.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        requests{' '}
        <input
          type="number"
          min={1}
          max={500}
          value={count}
          onChange={(e) => {
            onCount(Math.max(1, Math.min(500, Number(e.target.value) || 1)))
          }}
          data-testid="traffic-count"
        />
      </label>
      <button
        type="submit"
        className="primary"
        disabled={from === undefined}
        data-testid="traffic-send"
      >
        Send to {target}
      </button>
    </form>
  )
}
