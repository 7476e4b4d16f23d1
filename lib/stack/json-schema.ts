// The JSON Schema of stack.yaml, for editors (yaml-language-server) and other tools. Generated from
// the same zod schema the server validates with, plus each check type's config schema under an
// if/then on `type`, so a check's config completes and is checked for the type it names.
// Served at /schema/stack.json; committed as schema/stack.schema.json (`npm run schema`).
import { z } from "zod";
import { checkTypes } from "../checks/registry";
import { stackSchema } from "./schema";

export const STACK_SCHEMA_PATH = "/schema/stack.json";

type Json = Record<string, unknown>;

/** `${NAME}`: a secret or setting resolved from the environment when the check runs. */
const ENV_REF: Json = { type: "string", pattern: "^.*\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}.*$", description: "An ${ENV_VAR} reference, resolved on the server at run time" };

export function stackJsonSchema(): Json {
  const schema = z.toJSONSchema(stackSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Json;
  const check = at(schema, ["properties", "layers", "items", "properties", "checks", "items"]);
  const props = check.properties as Record<string, Json>;
  const types = Object.keys(checkTypes);
  props.type = { type: "string", enum: types, description: "What the check probes; its config is typed per type" };
  props.config = { type: "object", description: "Settings of this check type; secrets as ${ENV_VAR} references" };
  check.allOf = types.map((type) => ({
    if: { properties: { type: { const: type } }, required: ["type"] },
    then: { properties: { config: allowEnvRefs(z.toJSONSchema(checkTypes[type as keyof typeof checkTypes].schema, { io: "input", unrepresentable: "any" }) as Json) } },
  }));
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Warroom stack.yaml",
    description: "The layers of the stack, the checks that watch them, and the public components they carry.",
    ...withoutMeta(schema),
  };
}

function at(root: Json, path: string[]): Json {
  let cur: unknown = root;
  for (const seg of path) cur = (cur as Json)[seg];
  return cur as Json;
}

function withoutMeta(s: Json): Json {
  const { $schema: _dialect, ...rest } = s;
  return rest;
}

// The server accepts an ${ENV} reference in any config value it cannot check before resolving it,
// so the schema does too: every scalar property also accepts a reference.
function allowEnvRefs(s: Json): Json {
  const { $schema: _dialect, ...schema } = s;
  const props = schema.properties as Record<string, Json> | undefined;
  if (!props) return schema;
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(props).map(([k, v]) => [k, v.type === "object" ? allowEnvRefs(v) : v.type === "array" || v.type === "boolean" ? v : { anyOf: [v, ENV_REF] }]),
    ),
  };
}
