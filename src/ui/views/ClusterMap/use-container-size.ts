import { useEffect, useState, type RefObject } from 'react'

export interface Size {
  width: number
  height: number
}

/** The element's content box, tracked with a ResizeObserver (0×0 until first measured). */
export function useContainerSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 })
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver((entries) => {
      const rect = entries[0]?.contentRect
      if (!rect) return
      const width = Math.floor(rect.width)
      const height = Math.floor(rect.height)
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }))
    })
    observer.observe(element)
    return () => {
      observer.disconnect()
    }
  }, [ref])
  return size
}
