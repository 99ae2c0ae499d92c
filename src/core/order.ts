/**
 * Orders identifiers, keys, ISO times and file names the same way on every machine: by UTF-16 code unit, as `<`
 * compares strings. `localeCompare` orders by the language of the machine it runs on (with LANG=cs_CZ "ch-fadp" sorts
 * after "hk-pdpo", with da_DK "aa" after "z"), so the same incident listed its obligations in a different order on a
 * colleague's laptop; it also sets up ICU's collator, ~6 ms of a command's start. Text sorted for people to read
 * (playbook titles in a picker) keeps localeCompare.
 */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
