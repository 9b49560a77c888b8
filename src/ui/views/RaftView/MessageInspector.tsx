import { useState } from 'react'
import type { MessageRecord } from '../../../protocol/records'
import { useAppState, useServices } from '../../app/app-context'
import { messageClass } from './raft-text'

interface MessageInspectorProps {
  selected: MessageRecord | undefined
  onSelect: (message: MessageRecord) => void
}

function MessageDetail({ message, nowMs }: { message: MessageRecord; nowMs: number }) {
  const { dispatch } = useServices()
  const inFlight = message.deliverAtMs > nowMs && message.lost === undefined
  return (
    <div className="raft-message-detail" data-testid="raft-message-detail">
      <h4>
        #{message.id} {message.from} → {message.to}
      </h4>
      {message.lost && <p className="raft-lost">Lost: {message.lost}</p>}
      <dl>
        {Object.entries(message.detail ?? {}).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{String(v)}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        disabled={!inFlight}
        onClick={() => {
          dispatch({ type: 'dropMessage', id: message.id })
        }}
      >
        {message.lost !== undefined
          ? 'Dropped'
          : inFlight
            ? 'Drop this message'
            : 'Already delivered'}
      </button>
    </div>
  )
}

/** The latest Raft messages as buttons, and the chosen one's fields with a Drop button. */
export function MessageInspector({ selected, onSelect }: MessageInspectorProps) {
  const recent = useAppState((s) => s.recentRaft)
  const nowMs = useAppState((s) => s.simTimeMs)
  const [heartbeats, setHeartbeats] = useState(false)
  // The list moves on; the chosen message stays, refreshed while the list still has it.
  const message = recent.find((m) => m.id === selected?.id) ?? selected
  const shown = recent.filter((m) => heartbeats || messageClass(m) !== 'heartbeat')
  const latest = shown.slice(-8).reverse()
  return (
    <div className="raft-inspector">
      <h3>Latest Raft messages</h3>
      <label className="raft-heartbeats">
        <input
          type="checkbox"
          checked={heartbeats}
          onChange={(e) => {
            setHeartbeats(e.target.checked)
          }}
        />{' '}
        include heartbeats
      </label>
      {latest.length === 0 ? (
        <p className="muted">
          None lately: only heartbeats. Apply a manifest or force an election.
        </p>
      ) : (
        <ul className="raft-message-list">
          {latest.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className={`raft-message-button ${messageClass(m)}${m.id === selected?.id ? ' selected' : ''}`}
                onClick={() => {
                  onSelect(m)
                }}
              >
                {m.from} → {m.to}: {m.label}
                {m.lost !== undefined ? ' (lost)' : m.deliverAtMs > nowMs ? ' (in flight)' : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {message && <MessageDetail message={message} nowMs={nowMs} />}
    </div>
  )
}
