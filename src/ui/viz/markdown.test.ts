import { describe, expect, it } from 'vitest'
import { renderInlineMarkdown, renderMarkdown } from './markdown'

describe('lesson Markdown', () => {
  it('renders the usual Markdown', () => {
    expect(renderMarkdown('Press **apply**, then `kubectl get pods`.')).toBe(
      '<p>Press <strong>apply</strong>, then <code>kubectl get pods</code>.</p>\n',
    )
    expect(renderInlineMarkdown('Pod `web` is Running')).toBe('Pod <code>web</code> is Running')
  })

  it('shows raw HTML as text, never as markup', () => {
    expect(renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>\n',
    )
  })

  it('drops javascript: links and opens the others in a new tab', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n')
    expect(renderInlineMarkdown('[etcd](https://etcd.io)')).toBe(
      '<a href="https://etcd.io" target="_blank" rel="noopener noreferrer">etcd</a>',
    )
  })
})
