// Atom feed of public updates (RFC 4287). Ids and links come from the configured public URL, never
// from the request; each entry is one published update whose title and time were frozen when it
// was posted, so an entry never changes after publication.
import type { PublicState } from "../state";
import { escapeXml as x, INCIDENT_STATUS_WORDS } from "./text";

export function atomFeed(s: PublicState, base: string): string {
  const entries = s.incidents
    .flatMap((i) => i.updates.map((u) => ({ i, u })))
    .sort((a, b) => (a.u.createdAt < b.u.createdAt ? 1 : a.u.createdAt > b.u.createdAt ? -1 : 0))
    .slice(0, 100);
  const updated = entries[0]?.u.createdAt ?? s.updatedAt;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${x(s.pageName)}: incidents</title>
  <id>${x(base)}/status</id>
  <link rel="alternate" type="text/html" href="${x(base)}/status"/>
  <link rel="self" type="application/atom+xml" href="${x(base)}/status/feed.atom"/>
  <author><name>${x(s.pageName)}</name><uri>${x(base)}/status</uri></author>
  <updated>${updated}</updated>
${entries
  .map(
    ({ i, u }) => `  <entry>
    <title>${x(u.title)}: ${x(INCIDENT_STATUS_WORDS[u.status] ?? u.status)}</title>
    <id>${x(base)}/status/incidents/${x(i.id)}/updates/${x(u.id)}</id>
    <published>${u.createdAt}</published>
    <updated>${u.createdAt}</updated>
    <link rel="alternate" type="text/html" href="${x(base)}/status#incident-${x(i.id)}"/>
    <content type="text">${x(u.body)}</content>
  </entry>`,
  )
  .join("\n")}
</feed>
`;
}
