import { useEffect, useRef, type ReactNode } from 'react'

interface DialogProps {
  open: boolean
  onClose: () => void
  title: string
  testId: string
  className?: string
  children: ReactNode
}

/**
 * A modal dialog on the native <dialog>: the browser traps focus inside, Escape closes it, and
 * focus returns to the control that opened it.
 */
export function Dialog({ open, onClose, title, testId, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = `${testId}-title`
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid={testId}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <form method="dialog">
          <button type="submit" aria-label="Close">
            ✕
          </button>
        </form>
      </header>
      {open && children}
    </dialog>
  )
}
