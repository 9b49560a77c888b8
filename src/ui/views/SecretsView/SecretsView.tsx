import { useAppState, useServices } from '../../app/app-context'
import { useState } from 'react'
import { encryptionTemplate } from '../../viz/encryption-templates'
import { EncryptionControls, EncryptionFile } from './EncryptionConfigEditor'
import { EtcdInspector } from './EtcdInspector'
import './secrets.css'

const DEMO_SECRET_KEY = '/registry/secrets/default/db-pass'

/**
 * Secrets at rest: what etcd holds, and encrypting it with an EncryptionConfiguration. The
 * controls a lesson step names come first (create, encrypt, rewrite), then the inspector, then
 * the file, so a short dock shows them without scrolling.
 */
export function SecretsView() {
  const { runKubectl } = useServices()
  const apiServer = useAppState((s) => s.apiServer)
  const seed = useAppState((s) => s.run.seed)
  // The file being edited, shared by the controls above the inspector and the text below it.
  const [text, setText] = useState(() => encryptionTemplate('aescbc', seed))
  // The demo Secret once: a second create would only answer AlreadyExists.
  const created = useAppState((s) => s.inspector?.keys.includes(DEMO_SECRET_KEY) ?? false)
  const status = !apiServer
    ? ''
    : !apiServer.running
      ? 'kube-apiserver is not running'
      : apiServer.encryptionActive
        ? 'kube-apiserver encrypts with the configuration it loaded at its last start'
        : 'kube-apiserver runs without an encryption configuration: Secrets are stored as they are'
  return (
    <section className="secrets panel" aria-labelledby="secrets-title" data-testid="secrets-view">
      <div className="panel-header">
        <h2 id="secrets-title">Secrets in etcd</h2>
        <button
          type="button"
          disabled={created}
          onClick={() => runKubectl('create secret generic db-pass --from-literal=password=s3cr3t')}
        >
          {created ? 'Secret db-pass created' : 'Create Secret db-pass'}
        </button>
      </div>
      <p className="muted" data-testid="encryption-status">
        {status}
      </p>
      {apiServer?.startError !== undefined && (
        <p className="kubectl-error" role="alert" data-testid="apiserver-error">
          kube-apiserver exited: {apiServer.startError}
        </p>
      )}
      <EncryptionControls text={text} setText={setText} />
      <EtcdInspector />
      <EncryptionFile text={text} setText={setText} />
    </section>
  )
}
