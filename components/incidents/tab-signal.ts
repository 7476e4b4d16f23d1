// While alerts wait, the browser tab says so: a count in the title and a red favicon, so a leader
// working in another tab or window notices. Both are restored when the last alert is acknowledged.
import { useEffect } from "react";

const ALERT_ICON =
  "data:image/svg+xml," +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#b91c1c"/><path d="M16 7v11m0 5v1" stroke="#fff" stroke-width="4" stroke-linecap="round"/></svg>');

function iconLinks(): HTMLLinkElement[] {
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
}

export function useTabSignal(count: number): void {
  useEffect(() => {
    if (count === 0) return;
    const title = document.title;
    document.title = `(${count}) ⚠ ${title.replace(/^\(\d+\) ⚠ /, "")}`;
    const links = iconLinks();
    const saved = links.map((l) => l.href);
    let added: HTMLLinkElement | null = null;
    if (links.length) for (const l of links) l.href = ALERT_ICON;
    else {
      added = Object.assign(document.createElement("link"), { rel: "icon", href: ALERT_ICON });
      document.head.appendChild(added);
    }
    return () => {
      document.title = title;
      links.forEach((l, i) => (l.href = saved[i]));
      added?.remove();
    };
  }, [count]);
}
