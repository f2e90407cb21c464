// Markdown building blocks for RESULTS.md.

export type Cell = string | number

/** A GitHub-flavoured Markdown table; numeric columns are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => isNumeric(r[i])))
  const align = numeric.map((n) => (n ? '---:' : '---'))
  const line = (cells: readonly Cell[]) =>
    `| ${cells.map((c) => escapeCell(String(c))).join(' | ')} |`
  return [line(headers), `| ${align.join(' | ')} |`, ...rows.map(line)].join('\n')
}

/** A number, or text that reads as one: `1,938`, `≈ 39`, `142.3 ms`, `3.4 %`. */
function isNumeric(cell: Cell | undefined): boolean {
  if (typeof cell === 'number') return true
  return cell !== undefined && /^(≈ )?-?[\d,.]+( ms| s| %)?$/.test(cell)
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}
