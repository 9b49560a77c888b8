import { useMemo } from 'react'
import { renderInlineMarkdown, renderMarkdown } from '../viz/markdown'

interface MarkdownProps {
  text: string
  /** One line (no paragraph), for titles, goals and choices. */
  inline?: boolean
  className?: string
}

/** Lesson Markdown, rendered with raw HTML disabled (see viz/markdown.ts). */
export function Markdown({ text, inline = false, className }: MarkdownProps) {
  const html = useMemo(
    () => (inline ? renderInlineMarkdown(text) : renderMarkdown(text)),
    [text, inline],
  )
  const Tag = inline ? 'span' : 'div'
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />
}
