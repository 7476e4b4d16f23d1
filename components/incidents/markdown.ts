// Just enough Markdown for the post-mortem draft Warroom itself writes (paragraphs, nested lists,
// task boxes, bold, italics, code). Parsed into plain data so React renders it: no HTML injection.
export type Inline = { kind: "text" | "strong" | "em" | "code"; text: string };
export type ListItem = { depth: number; box: "open" | "done" | null; content: Inline[] };
export type Block = { kind: "p"; content: Inline[] } | { kind: "list"; items: ListItem[] };

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|(?<![\w\\])_(.+?)_(?!\w)/g;

export function inline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: "text", text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: "strong", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "code", text: m[2] });
    else out.push({ kind: "em", text: m[3] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out.map((t) => (t.kind === "code" ? t : { ...t, text: t.text.replace(/\\([\\`*_#\-[\]])/g, "$1") }));
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: "p", content: inline(para.join("\n")) });
    para = [];
  };
  for (const line of source.split("\n")) {
    const item = /^(\s*)[-*] (?:\[( |x|X)\] )?(.*)$/.exec(line);
    if (item) {
      flush();
      const last = blocks.at(-1);
      const entry: ListItem = { depth: Math.floor(item[1].length / 2), box: item[2] === undefined ? null : item[2] === " " ? "open" : "done", content: inline(item[3]) };
      if (last?.kind === "list") last.items.push(entry);
      else blocks.push({ kind: "list", items: [entry] });
    } else if (!line.trim()) {
      flush();
    } else {
      para.push(line);
    }
  }
  flush();
  return blocks;
}
