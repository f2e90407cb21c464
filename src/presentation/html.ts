// The few HTML pieces a job summary is made of. Every text from outside goes through `text`, so
// that a cause, a label or a message holding `<h1>` shows as written and changes nothing else.

export type Html = string & { readonly __html: true }

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Text from anywhere, made safe to place in HTML content and in double-quoted attributes. */
export function text(value: string | number): Html {
  return String(value).replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c) as Html
}

/** Pieces joined as they are (each already HTML). */
export function join(pieces: readonly Html[], separator = ''): Html {
  return pieces.join(separator) as Html
}

/** A link when the URL is a web address; the label alone otherwise. */
export function link(url: string | undefined, label: Html): Html {
  if (!url || !/^https?:\/\//.test(url)) return label
  return `<a href="${text(url)}">${label}</a>` as Html
}

export function code(value: string): Html {
  return `<code>${text(value)}</code>` as Html
}

export function heading(level: 2 | 3, content: Html): Html {
  return `<h${level}>${content}</h${level}>\n` as Html
}

export function paragraph(content: Html): Html {
  return `<p>${content}</p>\n` as Html
}

export function list(items: readonly Html[]): Html {
  return `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>\n` as Html
}

export function table(headers: readonly string[], rows: readonly (readonly Html[])[]): Html {
  const head = `<tr>${headers.map((h) => `<th>${text(h)}</th>`).join('')}</tr>`
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
  return `<table>${head}${body.join('')}</table>\n` as Html
}

/** Lines shown as written, each escaped. */
export function preformatted(lines: readonly string[]): Html {
  return `<pre>${lines.map((line) => text(line)).join('\n')}</pre>\n` as Html
}
