import { useAppState, useServices } from '../app/app-context'
import { Dialog } from './Dialog'
import { setPrefs } from '../app/prefs'
import { keyLabel, SHORTCUTS, SLIDER_KEYS } from '../app/shortcuts'

interface ShortcutHelpProps {
  open: boolean
  onClose: () => void
}

/** The `?` dialog: every shortcut, from the same table the key handler uses. */
export function ShortcutHelp({ open, onClose }: ShortcutHelpProps) {
  const { store } = useServices()
  const characterKeys = useAppState((s) => s.prefs.characterKeys)
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      testId="shortcut-help"
      className="shortcut-help"
    >
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.id}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{keyLabel(k)}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.label}</td>
            </tr>
          ))}
          {SLIDER_KEYS.map((s) => (
            <tr key={s.label}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="shortcut-toggle">
        <input
          type="checkbox"
          checked={characterKeys}
          onChange={(e) => {
            setPrefs(store, { characterKeys: e.target.checked })
          }}
        />
        Single-key shortcuts on (turn off if you use speech input)
      </label>
    </Dialog>
  )
}
