// Small inline icons (no icon font, no emoji font needed on the 3 a.m. laptop). Always decorative:
// the word beside them carries the meaning.
const PATHS = {
  search: "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm9 16-4.35-4.35",
  target: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 5a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm0 3.5a.5.5 0 1 0 0 1 .5.5 0 0 0 0-1z",
  eye: "M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12zm10-3a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
  check: "M4 12.5 9 17.5 20 6.5",
  clock: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 4v5l3 2",
  warning: "M12 3 2 20h20L12 3zm0 6v5m0 3v.5",
  copy: "M9 9h11v11H9zM5 15H4V4h11v1",
  stop: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM7 12h10",
  cup: "M4 8h12v6a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5V8zm12 2h2a2 2 0 0 1 0 4h-2M8 3v2m4-2v2",
  globe: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z",
  lock: "M6 11h12v9H6zm2 0V8a4 4 0 0 1 8 0v3",
  pencil: "M4 20h4L19 9l-4-4L4 16v4z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round" className={`inline-block h-[1em] w-[1em] shrink-0 align-[-0.125em] ${className ?? ""}`}>
      <path d={PATHS[name]} />
    </svg>
  );
}
