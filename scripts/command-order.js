// The order oclif gives a plugin's commands (config/plugin.js sorts them with `a.id.localeCompare(b.id)`), without
// loading ICU's collation when the answer is known: the first localeCompare in a process costs 6-10 ms, on every
// command run. scripts/bundle.js puts this comparator in its place. It gives exactly localeCompare's answer:
// - ICU takes its default locale from LC_ALL, else LC_MESSAGES, else LANG (unset, C and POSIX: en-US-POSIX).
// - Under an English or C locale the collation is CLDR's root order (en-US-POSIX: code-point order for ASCII), in
//   which '-' < ':' < a..z; for ids of lowercase ASCII letters, '-' and ':' that is the code-point order.
// - Any other locale, or any other character in either id, asks localeCompare as before.
const ID = /^[a-z:-]*$/

/** True when the process's collation locale orders plain command ids by code point. */
export function plainCollation(env = process.env) {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return locale === '' || /^(C|POSIX|en)([._@-]|$)/.test(locale)
}

/** A comparator on {id} equal to (a, b) => a.id.localeCompare(b.id) in this process. */
export function commandOrder(plain = plainCollation()) {
  return (a, b) => {
    if (plain && ID.test(a.id) && ID.test(b.id)) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
    return a.id.localeCompare(b.id)
  }
}
