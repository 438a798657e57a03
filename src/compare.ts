/** Code-unit order, the same on every machine and locale: reports must not depend on `localeCompare`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
