// The public /status page as plain server-rendered HTML: readable without JavaScript, and small.
// The live part (banner, incidents, maintenance, components) is also served alone as a fragment
// that the page's little script swaps in when the snapshot changes.
import { COMPONENT_STATUS_WORDS } from "../components";
import type { PublicComponent, PublicIncident, PublicMaintenanceWindow, PublicState } from "../state";
import { escapeHtml as h, INCIDENT_STATUS_WORDS, STATUS_ICON, utc } from "./text";

const INDICATOR_ICON: Record<PublicState["overall"]["indicator"], string> = { none: "✓", minor: "◐", major: "!", critical: "✕", maintenance: "🛠" };

function time(iso: string): string {
  return `<time datetime="${h(iso)}">${h(utc(iso))}</time>`;
}

function updatesList(i: PublicIncident): string {
  return `<ol class="updates">${i.updates
    .map((u) => `<li><p class="meta"><strong>${h(INCIDENT_STATUS_WORDS[u.status] ?? u.status)}</strong> · ${time(u.createdAt)}</p><p class="body">${h(u.body)}</p></li>`)
    .join("")}</ol>`;
}

function affected(ids: string[], byId: Map<string, PublicComponent>): string {
  const names = ids.flatMap((id) => byId.get(id)?.name ?? []);
  return names.length ? `<p class="meta">Affects: ${h(names.join(", "))}</p>` : "";
}

function incidentArticle(i: PublicIncident, byId: Map<string, PublicComponent>): string {
  return `<article class="incident impact-${i.impact}" id="incident-${h(i.id)}" aria-labelledby="t-${h(i.id)}">
<h3 id="t-${h(i.id)}">${h(i.name)}</h3>
<p class="meta">${i.status === "resolved" && i.resolvedAt ? `Resolved ${time(i.resolvedAt)}` : `${h(INCIDENT_STATUS_WORDS[i.status])} · since ${time(i.createdAt)}`}</p>
${affected(i.componentIds, byId)}${updatesList(i)}</article>`;
}

function windowArticle(w: PublicMaintenanceWindow, byId: Map<string, PublicComponent>): string {
  const when = w.status === "in_progress" ? `In progress until ${time(w.scheduledUntil)}` : `Scheduled ${time(w.scheduledFor)} to ${time(w.scheduledUntil)}`;
  return `<article class="incident maint" id="maintenance-${h(w.id)}" aria-labelledby="m-${h(w.id)}">
<h3 id="m-${h(w.id)}">${h(w.name)}</h3><p class="meta">${when}</p>${affected(w.componentIds, byId)}${w.body ? `<p class="body">${h(w.body)}</p>` : ""}</article>`;
}

function componentRow(c: PublicComponent): string {
  return `<li><span class="name">${h(c.name)}${c.description ? `<span class="desc">${h(c.description)}</span>` : ""}</span><span class="st st-${c.status}"><span aria-hidden="true">${STATUS_ICON[c.status]}</span> ${h(COMPONENT_STATUS_WORDS[c.status])}</span></li>`;
}

function componentsSection(components: PublicComponent[]): string {
  if (!components.length) return "";
  const groups: { name: string | null; items: PublicComponent[] }[] = [];
  for (const c of components) {
    const g = groups.find((x) => x.name === c.group);
    if (g) g.items.push(c);
    else groups.push({ name: c.group, items: [c] });
  }
  const lists = groups
    .map((g, n) =>
      g.name
        ? `<h3 class="group" id="g-${n}">${h(g.name)}</h3><ul class="components" aria-labelledby="g-${n}">${g.items.map(componentRow).join("")}</ul>`
        : `<ul class="components" aria-label="Components">${g.items.map(componentRow).join("")}</ul>`,
    )
    .join("");
  return `<section aria-labelledby="components-h"><h2 id="components-h">Components</h2>${lists}</section>`;
}

/** The part of the page that changes: replaced in place by the live script. */
export function statusFragment(s: PublicState): string {
  const byId = new Map(s.components.map((c) => [c.id, c]));
  const open = s.incidents.filter((i) => i.status !== "resolved");
  const past = s.incidents.filter((i) => i.status === "resolved");
  const active = s.maintenanceWindows.filter((w) => w.status === "in_progress");
  const upcoming = s.maintenanceWindows.filter((w) => w.status === "scheduled");
  const parts = [
    `<p class="banner ind-${s.overall.indicator}" id="overall"><span aria-hidden="true">${INDICATOR_ICON[s.overall.indicator]}</span> ${h(s.overall.description)}</p>`,
    s.maintenancePage.enabled ? `<section class="notice" aria-labelledby="mp-h"><h2 id="mp-h">Maintenance page is up</h2><p>${h(s.maintenancePage.message)}</p></section>` : "",
    open.length ? `<section aria-labelledby="open-h"><h2 id="open-h">Current incidents</h2>${open.map((i) => incidentArticle(i, byId)).join("")}</section>` : "",
    active.length ? `<section aria-labelledby="act-h"><h2 id="act-h">Maintenance in progress</h2>${active.map((w) => windowArticle(w, byId)).join("")}</section>` : "",
    componentsSection(s.components),
    upcoming.length ? `<section aria-labelledby="up-h"><h2 id="up-h">Scheduled maintenance</h2>${upcoming.map((w) => windowArticle(w, byId)).join("")}</section>` : "",
    `<section aria-labelledby="past-h"><h2 id="past-h">Past incidents</h2>${past.length ? past.map((i) => incidentArticle(i, byId)).join("") : `<p class="meta">No incidents in the last 7 days.</p>`}</section>`,
    `<p class="meta">Last change ${time(s.updatedAt)}</p>`,
  ];
  return parts.filter(Boolean).join("\n");
}

const CSS = `:root{color-scheme:light dark;--bg:#f8fafc;--fg:#0f172a;--mute:#475569;--card:#fff;--line:#e2e8f0;--ok:#166534;--warn:#92400e;--bad:#991b1b;--info:#075985}
@media (prefers-color-scheme:dark){:root{--bg:#0b1120;--fg:#f1f5f9;--mute:#94a3b8;--card:#111827;--line:#1f2937;--ok:#86efac;--warn:#fcd34d;--bad:#fca5a5;--info:#7dd3fc}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif}
.wrap{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:0 0 .25rem}
.banner{padding:1rem;border-radius:.6rem;font-size:1.15rem;font-weight:600;border:2px solid currentColor;margin:0}
.ind-none{color:var(--ok)}.ind-minor{color:var(--warn)}.ind-major,.ind-critical{color:var(--bad)}.ind-maintenance{color:var(--info)}
.incident,.notice,ul.components{background:var(--card);border:1px solid var(--line);border-radius:.6rem}
.incident,.notice{padding:.8rem 1rem;margin-bottom:.75rem}.incident.impact-major,.incident.impact-critical{border-left:4px solid var(--bad)}.incident.impact-minor{border-left:4px solid var(--warn)}.incident.maint{border-left:4px solid var(--info)}
.meta{color:var(--mute);font-size:.9rem;margin:.1rem 0}.body{margin:.2rem 0 .6rem;white-space:pre-wrap}ol.updates{list-style:none;padding:0;margin:.5rem 0 0}
ul.components{list-style:none;padding:0;margin:0 0 .75rem}ul.components li{display:flex;justify-content:space-between;gap:1rem;padding:.65rem 1rem;border-top:1px solid var(--line)}ul.components li:first-child{border-top:0}
.desc{display:block;color:var(--mute);font-size:.85rem}.st{white-space:nowrap;font-weight:600}.st-operational{color:var(--ok)}.st-degraded_performance,.st-partial_outage{color:var(--warn)}.st-major_outage{color:var(--bad)}.st-under_maintenance{color:var(--info)}
.group{font-size:.95rem;color:var(--mute);margin:.75rem 0 .35rem}footer{margin:2rem 0 1rem;color:var(--mute);font-size:.9rem}a{color:inherit}
section.subscribe form{display:flex;flex-direction:column;align-items:flex-start;gap:.4rem;margin:0 0 1.25rem}section.subscribe label{font-size:.9rem}section.subscribe input[type=email],section.subscribe input[type=url]{width:100%;max-width:28rem}.subscribe-note{color:var(--mute);font-size:.85rem;margin:0}input,button{font:inherit;padding:.45rem .6rem;border-radius:.4rem;border:1px solid var(--mute);background:var(--card);color:var(--fg)}button{cursor:pointer;font-weight:600}
fieldset{border:1px solid var(--line);border-radius:.4rem;width:100%;max-width:28rem}fieldset li{display:flex;gap:.4rem;align-items:center}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}`;

/** The whole page; `script` is the live-update script (its hash goes into the CSP). */
export function statusPage(s: PublicState, opts: { version: string; script: string; subscribe: string; links: { atom: string; json: string; api: string } }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(s.overall.description)} · ${h(s.pageName)}</title>
<link rel="alternate" type="application/atom+xml" title="${h(s.pageName)} incidents" href="${h(opts.links.atom)}">
<noscript><meta http-equiv="refresh" content="60"></noscript>
<style>${CSS}</style></head>
<body><div class="wrap">
<h1>${h(s.pageName)}</h1>
<div id="live" data-version="${h(opts.version)}">
${statusFragment(s)}
</div>
<p id="live-note" class="sr" role="status" aria-live="polite"></p>
${opts.subscribe}
<footer>This page updates by itself. · <a href="${h(opts.links.atom)}">Atom feed</a> · <a href="${h(opts.links.json)}">JSON</a> · <a href="${h(opts.links.api)}">Status API</a></footer>
</div><script>${opts.script}</script></body></html>
`;
}
