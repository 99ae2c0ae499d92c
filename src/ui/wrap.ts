/**
 * Text folded to a terminal width at word boundaries; a blank line, or a line starting "- " (a list item), starts
 * a new line, so guidance and notes keep their paragraphs and lists.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split(/\n\s*\n|\n(?=- )/)) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line)
        line = word
      } else line = line ? `${line} ${word}` : word
    }
    if (line) out.push(line)
  }
  return out
}
