/** "1 article", "2 articles": an English count with its noun (`plural` defaults to noun + "s"). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
