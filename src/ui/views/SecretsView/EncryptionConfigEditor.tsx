import { useAppState, useServices } from '../../app/app-context'
import { encryptionTemplate, TEMPLATES, type TemplateId } from '../../viz/encryption-templates'

/** The EncryptionConfiguration text being edited (SecretsView holds it for both parts). */
interface EncryptionProps {
  text: string
  setText: (text: string) => void
}

/**
 * The steps that apply an EncryptionConfiguration, in one row at the top of the tab (a lesson
 * step names them, so they must be in view in a short dock): pick a template, write the file and
 * restart kube-apiserver (it reads the file only at start), then rewrite the Secrets (only writes
 * encrypt). The file itself is below the inspector.
 */
export function EncryptionControls({ text, setText }: EncryptionProps) {
  const { dispatch, runKubectl } = useServices()
  const seed = useAppState((s) => s.run.seed)
  return (
    <div className="encryption-controls" role="group" aria-labelledby="encryption-title">
      <h3 id="encryption-title">Encryption at rest</h3>
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
  )
}

/** The EncryptionConfiguration file on the control-plane host, as the template left it or edited. */
export function EncryptionFile({ text, setText }: EncryptionProps) {
  return (
    <div className="encryption-config">
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
    </div>
  )
}
