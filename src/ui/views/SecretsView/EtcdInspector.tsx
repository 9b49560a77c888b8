import { useState } from 'react'
import { useAppState, useServices } from '../../app/app-context'
import { ScrollRegion } from '../../components/ScrollRegion'

/**
 * What etcd really holds for a Secret: `etcdctl get <key>` (bytes that are not printable shown
 * as \xNN), or a hexdump; for a readable Secret its data base64-decoded — base64 is an encoding,
 * not encryption; and which provider the API server reads it with.
 */
export function EtcdInspector() {
  const { client } = useServices()
  const inspector = useAppState((s) => s.inspector)
  const [hex, setHex] = useState(false)
  if (!inspector || inspector.keys.length === 0)
    return <p className="muted">No Secrets or ConfigMaps yet: create one to look at it in etcd.</p>
  const value = inspector.value
  return (
    <div className="etcd-inspector" data-testid="etcd-inspector">
      <div className="inspector-controls">
        <label htmlFor="etcd-key">etcd key</label>
        <select
          id="etcd-key"
          data-testid="etcd-key"
          value={inspector.key ?? ''}
          onChange={(e) => {
            client.inspectEtcdKey(e.target.value)
          }}
        >
          {inspector.keys.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <label className="toggle">
          <input
            type="checkbox"
            checked={hex}
            onChange={(e) => {
              setHex(e.target.checked)
            }}
          />{' '}
          hexdump
        </label>
      </div>
      {value && <StoredValue hex={hex} />}
    </div>
  )
}

/** The inspected value: its state, the etcdctl (or hexdump) view, decoded data and the AAD demo. */
function StoredValue({ hex }: { hex: boolean }) {
  const inspector = useAppState((s) => s.inspector)
  const value = inspector?.value
  if (!value) return null
  return (
    <>
      <p
        className={`storage-state ${value.prefix !== undefined ? 'encrypted' : 'plain'}`}
        data-testid="storage-state"
      >
        {value.prefix !== undefined
          ? `Encrypted at rest: ${value.prefix} then ciphertext (${value.size} bytes).`
          : `Not encrypted: etcd holds the object as it is (${value.size} bytes).`}
      </p>
      <ScrollRegion label="etcdctl output" className="etcdctl-scroll">
        <pre className="etcdctl" data-testid="etcdctl-output">
          {`$ etcdctl get ${value.key}${hex ? ' --print-value-only | hexdump -C' : ''}\n`}
          {hex ? value.hexdump.join('\n') : value.etcdctl}
        </pre>
      </ScrollRegion>
      {value.secretData && (
        <DecodedData data={value.secretData} encrypted={value.prefix !== undefined} />
      )}
      <p data-testid="read-by">
        {value.read.ok
          ? `kube-apiserver reads it with ${value.read.provider}${value.read.stale ? ' (stale: the next write re-encrypts it with the first key)' : ''}.`
          : `kube-apiserver cannot read it: ${value.read.error}`}
      </p>
      {inspector.copied && value.prefix !== undefined && (
        <p className="muted" data-testid="copied">
          Copied by hand to <code>{inspector.copied.key}</code>:{' '}
          {inspector.copied.read.ok
            ? 'it still decrypts — this provider does not bind a value to its key.'
            : `${inspector.copied.read.error} — aesgcm authenticates the etcd key.`}
        </p>
      )}
    </>
  )
}

function DecodedData({ data, encrypted }: { data: Record<string, string>; encrypted: boolean }) {
  return (
    <table className={`decoded${encrypted ? ' encrypted' : ''}`}>
      <caption>
        {encrypted
          ? 'data as kube-apiserver decrypts it with its key: etcd alone no longer shows it'
          : 'data, base64-decoded: anyone who can read etcd reads this'}
      </caption>
      <tbody>
        {Object.entries(data).map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              <code>{v}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
