import MarkdownIt from 'markdown-it'

/**
 * Lesson Markdown to HTML with markdown-it. Raw HTML is disabled (html: false: a lesson's
 * `<script>` shows as text), markdown-it's own link validation drops javascript: and data:
 * URLs, and links open in a new tab without access to this page.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false })

const defaultLinkOpen =
  md.renderer.rules['link_open'] ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))

md.renderer.rules['link_open'] = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  token?.attrSet('target', '_blank')
  token?.attrSet('rel', 'noopener noreferrer')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

/** A block of Markdown (narration, an intro, a quiz explanation). */
export function renderMarkdown(text: string): string {
  return md.render(text)
}

/** One line of Markdown without a paragraph around it (titles, goals, choices). */
export function renderInlineMarkdown(text: string): string {
  return md.renderInline(text)
}
