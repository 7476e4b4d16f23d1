"use client";
// Countdowns and ages read the clock while rendering. The server renders at one instant and the
// browser hydrates a moment later: each reading its own clock, a countdown differs by a second,
// React rejects the server's HTML (error #418) and renders the whole page again in the browser.
// So the first render on both sides uses the instant the server rendered at (handed down with the
// page), and the live clock takes over before the first paint.
import { createContext, useContext, useLayoutEffect, useState } from "react";

const RenderedAt = createContext<number | null>(null);

export function RenderedAtProvider({ at, children }: { at: number; children: React.ReactNode }) {
  return <RenderedAt.Provider value={at}>{children}</RenderedAt.Provider>;
}

/** The current time, re-read every `ms`: drives countdowns and ages. */
export function useNow(ms = 1000): number {
  const at = useContext(RenderedAt);
  const [now, setNow] = useState(() => at ?? Date.now());
  useLayoutEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
