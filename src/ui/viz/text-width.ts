/**
 * Text measurement without a DOM, for the pure layout code. Advance widths are DejaVu Sans's
 * (the widest of the faces our font stack resolves to: system-ui, Segoe UI, Roboto, DejaVu),
 * plus a small margin, so an estimate is an upper bound; the e2e tests check the real glyph
 * boxes in Chromium.
 */

// DejaVu Sans advance widths, in 1/2048 em.
const LOWER = [
  1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300,
  842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075,
]
const UPPER = [
  1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235,
  1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403,
]
const DIGIT = 1303
const PUNCTUATION: Record<string, number> = {
  ' ': 651,
  '-': 739,
  '.': 651,
  ',': 651,
  ':': 690,
  ';': 690,
  '/': 690,
  '(': 799,
  ')': 799,
  '[': 799,
  ']': 799,
  '@': 2048,
  '…': 2048,
  '→': 1716,
  '·': 651,
  '+': 1716,
  '=': 1716,
  '"': 940,
  "'": 563,
  _: 1024,
  '%': 1946,
}
// Anything else (symbols, other scripts): wider than most Latin letters.
const OTHER = 1500
const MARGIN = 1.04
// Chromium draws weight 600 on DejaVu 4–14 % wider (narrow letters gain the most).
const BOLD_FACTOR = 1.12

export interface FontSpec {
  px: number
  bold?: boolean
}

function advance(ch: string): number {
  const code = ch.charCodeAt(0)
  if (ch.length === 1 && code >= 97 && code <= 122) return LOWER[code - 97] ?? OTHER
  if (ch.length === 1 && code >= 65 && code <= 90) return UPPER[code - 65] ?? OTHER
  if (ch.length === 1 && code >= 48 && code <= 57) return DIGIT
  return PUNCTUATION[ch] ?? OTHER
}

/** Upper-bound width in px of `text` set in `font`. Pure. */
export function textWidth(text: string, font: FontSpec): number {
  let units = 0
  for (const ch of text) units += advance(ch)
  return (units / 2048) * font.px * MARGIN * (font.bold ? BOLD_FACTOR : 1)
}

/** `text`, cut with an ellipsis so that it fits `maxWidth` px ('' when not even "…" fits). */
export function fitText(text: string, maxWidth: number, font: FontSpec): string {
  if (textWidth(text, font) <= maxWidth) return text
  let cut = text
  while (cut.length > 0 && textWidth(`${cut}…`, font) > maxWidth) cut = cut.slice(0, -1)
  return cut.length > 0 ? `${cut.trimEnd()}…` : ''
}
