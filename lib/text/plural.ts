// Counted nouns that read right: "1 minute", "2 minutes", "1 open task".
const IRREGULAR: Record<string, string> = { person: "people" };

export function plural(n: number, noun: string, many?: string): string {
  return `${n} ${n === 1 ? noun : (many ?? IRREGULAR[noun] ?? `${noun}s`)}`;
}
