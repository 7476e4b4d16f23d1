import { z } from "zod";
import { route } from "@/lib/http/route";
import { notFound } from "@/lib/http/errors";
import { loadStackSpec, stackToText } from "@/lib/stack/io";
import { STACK_SCHEMA_PATH } from "@/lib/stack/json-schema";
import { publicUrl } from "@/lib/public/url";

const query = z.object({ format: z.enum(["yaml", "json"]).default("yaml") });

export const GET = route({ access: "admin", query, produces: ["application/yaml", "application/json"] }, async ({ query }) => {
  const spec = await loadStackSpec();
  if (!spec) throw notFound("Stack");
  const type = query.format === "json" ? "application/json" : "application/yaml";
  return new Response(stackToText(spec, query.format, `${publicUrl()}${STACK_SCHEMA_PATH}`), {
    headers: { "content-type": `${type}; charset=utf-8`, "content-disposition": `attachment; filename="stack.${query.format}"`, "cache-control": "no-store" },
  });
});
