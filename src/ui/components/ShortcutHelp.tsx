import { useEffect, useRef } from 'react'
import { useAppState, useServices } from '../app/app-context'
import { setPrefs } from '../app/prefs'
import { keyLabel, SHORTCUTS, SLIDER_KEYS } from '../app/shortcuts'

interface ShortcutHelpProps {
  open: boolean
  onClose: () => void
}

/** The `?` dialog: every shortcut, from the same table the key handler uses. */
export function ShortcutHelp({ open, onClose }: ShortcutHelpProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const { store } = useServices()
  const characterKeys = useAppState((s) => s.prefs.characterKeys)
  useEffect(() => {
    const d = dialog.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onClose={onClose}
      data-testid="shortcut-help"
    >
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
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
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  )
}
