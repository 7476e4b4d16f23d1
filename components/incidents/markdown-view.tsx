// Renders the parsed Markdown of markdown.ts as plain React elements.
import { Fragment } from "react";
import { parseMarkdown, type Inline } from "./markdown";

function Text({ content }: { content: Inline[] }) {
  return content.map((t, i) =>
    t.kind === "strong" ? (
      <strong key={i}>{t.text}</strong>
    ) : t.kind === "em" ? (
      <em key={i}>{t.text}</em>
    ) : t.kind === "code" ? (
      <code key={i} className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">
        {t.text}
      </code>
    ) : (
      <Fragment key={i}>{t.text}</Fragment>
    ),
  );
}

export function MarkdownView({ source }: { source: string }) {
  return (
    <div className="flex flex-col gap-2 text-sm leading-relaxed">
      {parseMarkdown(source).map((b, i) =>
        b.kind === "p" ? (
          <p key={i} className="whitespace-pre-wrap">
            <Text content={b.content} />
          </p>
        ) : (
          <ul key={i} className="flex flex-col gap-0.5">
            {b.items.map((item, j) => (
              <li key={j} className="flex gap-2" style={{ paddingLeft: `${item.depth * 1.25}rem` }}>
                <span aria-hidden="true" className="text-slate-500">
                  {item.box === "open" ? "☐" : item.box === "done" ? "☑" : "•"}
                </span>
                <span>
                  {item.box && <span className="sr-only">{item.box === "done" ? "Done: " : "Not done: "}</span>}
                  <Text content={item.content} />
                </span>
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
