const WORDS = ['ransom', 'note', "O'Brien", '"quoted"', 'C:\\Users\\ops', 'Grüße', '東京', 'tab\there', '{{ 7*7 }}', '<b>', '|', '#1']

/** About `bytes` of varied text in lines (tabs, quotes, backslashes, accents, CJK): what a pasted transcript holds. */
export function longText(bytes: number, seed = 7, words = WORDS): string {
  let x = seed
  const lines: string[] = []
  let size = 0
  while (size < bytes) {
    let line = `${lines.length + 1}:`
    const n = 3 + (x % 17)
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      line += ` ${words[(x >>> 16) % words.length]}`
    }
    lines.push(line)
    size += Buffer.byteLength(line) + 1
  }
  return lines.join('\n')
}
