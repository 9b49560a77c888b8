import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import './tabs.css'

export interface TabItem {
  id: string
  label: string
}

interface TabsProps {
  label: string
  tabs: TabItem[]
  selected: string
  onSelect: (id: string) => void
  children: ReactNode
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; one tab stop (roving tabindex). */
export function Tabs({ label, tabs, selected, onSelect, children }: TabsProps) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({})
  const listRef = useRef<HTMLDivElement>(null)
  // A tab bar that scrolls sideways (the dock's, on one screen) keeps the selected tab in view,
  // whoever selected it (a lesson step brings its panel to the front) and when the bar narrows
  // (a window resized, a projector's 1024 px). Only sideways: the page itself must not move.
  useEffect(() => {
    const list = listRef.current
    if (!list) return
    const keepSelectedInView = () => {
      const tab = refs.current[selected]
      if (!tab || list.scrollWidth <= list.clientWidth) return
      const left = tab.offsetLeft - list.offsetLeft
      if (left < list.scrollLeft) list.scrollLeft = left
      else if (left + tab.offsetWidth > list.scrollLeft + list.clientWidth)
        list.scrollLeft = left + tab.offsetWidth - list.clientWidth
    }
    keepSelectedInView()
    const observer = new ResizeObserver(keepSelectedInView)
    observer.observe(list)
    return () => {
      observer.disconnect()
    }
  }, [selected])
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected)
    const to =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : undefined
    const tab = to === undefined ? undefined : tabs[to]
    if (!tab) return
    event.preventDefault()
    onSelect(tab.id)
    refs.current[tab.id]?.focus()
  }
  return (
    <>
      <div ref={listRef} role="tablist" aria-label={label} className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === selected}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => {
              onSelect(t.id)
            }}
            onKeyDown={onKeyDown}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`tabpanel-${selected}`}
        aria-labelledby={`tab-${selected}`}
        className="tabpanel"
        tabIndex={0}
      >
        {children}
      </div>
    </>
  )
}
