import { useState } from 'react'
import { useAppState, useServices } from '../../app/app-context'
import { encryptionTemplate, TEMPLATES, type TemplateId } from '../../viz/encryption-templates'

/**
 * The EncryptionConfiguration file on the control-plane host and the two steps that apply it:
 * write the file, restart kube-apiserver (it reads the file only at start). Then rewrite the
 * Secrets: only writes encrypt.
 */
export function EncryptionConfigEditor() {
  const { dispatch, runKubectl } = useServices()
  const seed = useAppState((s) => s.run.seed)
  const [text, setText] = useState(() => encryptionTemplate('aescbc', seed))
  return (
    <div className="encryption-config">
      <div className="inspector-controls">
        <label htmlFor="enc-template">Template</label>
        <select
          id="enc-template"
          defaultValue="aescbc"
          onChange={(e) => {
            setText(encryptionTemplate(e.target.value as TemplateId, seed))
          }}
        >
          {TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <label htmlFor="enc-file" className="file-label">
        /etc/kubernetes/enc/enc.yaml (kube-apiserver --encryption-provider-config)
      </label>
      <textarea
        id="enc-file"
        data-testid="encryption-config"
        value={text}
        rows={12}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value)
        }}
      />
      <div className="path-actions">
        <button
          type="button"
          data-testid="apply-encryption"
          onClick={() => {
            dispatch({ type: 'writeEncryptionConfig', yaml: text })
            dispatch({ type: 'restartComponent', id: 'kube-apiserver' })
          }}
        >
          Write file, restart kube-apiserver
        </button>
        <button
          type="button"
          data-testid="rewrite-secrets"
          onClick={() => runKubectl('get secrets -A -o json | kubectl replace -f -')}
        >
          Rewrite all Secrets
        </button>
      </div>
    </div>
  )
}
