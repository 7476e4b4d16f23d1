// Components as Statuspage lists them: groups are components with `group: true` and their children's
// ids; children carry the group's id. Positions count from 1 among the top level and within each group,
// as Statuspage's do. The list comes in display order: each group right before its children.
import { worseOf, type ComponentStatus } from "../components";
import type { PublicComponent } from "../state";
import type { SpComponent, SpLeafComponent } from "../statuspage.schema";
import { groupId } from "./uuid";

const maxIso = (xs: string[]) => xs.reduce((a, b) => (b > a ? b : a));
const minIso = (xs: string[]) => xs.reduce((a, b) => (b < a ? b : a));

export function statuspageComponents(components: readonly PublicComponent[], pageId: string): { list: SpComponent[]; leaves: Map<string, SpLeafComponent> } {
  const sorted = [...components].sort((a, b) => a.position - b.position);
  // Top-level entries in display order: a lone component, or a group at the place of its first member.
  const top: ({ kind: "leaf"; c: PublicComponent } | { kind: "group"; name: string; members: PublicComponent[] })[] = [];
  const groups = new Map<string, PublicComponent[]>();
  for (const c of sorted) {
    const name = c.group?.trim();
    if (!name) top.push({ kind: "leaf", c });
    else if (groups.has(name)) groups.get(name)!.push(c);
    else {
      const members = [c];
      groups.set(name, members);
      top.push({ kind: "group", name, members });
    }
  }

  const leaf = (c: PublicComponent, position: number, parent: string | null): SpLeafComponent => ({
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    position,
    description: c.description.trim() || null,
    showcase: false,
    start_date: null,
    group_id: parent,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });

  const list: SpComponent[] = [];
  const leaves = new Map<string, SpLeafComponent>();
  top.forEach((entry, i) => {
    if (entry.kind === "leaf") {
      const c = leaf(entry.c, i + 1, null);
      list.push(c);
      leaves.set(c.id, c);
      return;
    }
    const id = groupId(entry.name);
    const children = entry.members.map((m, j) => leaf(m, j + 1, id));
    list.push({
      id,
      name: entry.name,
      // A group reads as its worst member, as the banner does.
      status: entry.members.reduce<ComponentStatus>((w, m) => worseOf(w, m.status), "operational"),
      created_at: minIso(entry.members.map((m) => m.createdAt)),
      updated_at: maxIso(entry.members.map((m) => m.updatedAt)),
      position: i + 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: pageId,
      group: true,
      only_show_if_degraded: false,
      components: children.map((c) => c.id),
    });
    for (const c of children) {
      list.push(c);
      leaves.set(c.id, c);
    }
  });
  return { list, leaves };
}
