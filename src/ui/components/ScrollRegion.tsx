import type { ReactNode } from 'react'

interface ScrollRegionProps {
  label: string
  className?: string
  children: ReactNode
}

/**
 * A box that scrolls when its content (a wide table) does not fit: focusable, so keyboard users
 * can scroll it too (axe: scrollable-region-focusable), and named for screen readers.
 */
export function ScrollRegion({ label, className = 'table-scroll', children }: ScrollRegionProps) {
  return (
    // A scrollable region must take focus to be scrollable from the keyboard (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
