// Reading the bodies of the public subscription endpoints, which serve both JSON clients and plain
// HTML forms (and RFC 8058 one-click POSTs from mail providers).
import { badRequest } from "../http/errors";

export function isFormPost(req: Request): boolean {
  const type = req.headers.get("content-type") ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/** Form fields as an object; `lists` name the fields that may repeat (ticked checkboxes). */
export async function readForm(req: Request, lists: string[] = []): Promise<Record<string, string | string[]>> {
  let fd: FormData;
  try {
    fd = await req.formData();
  } catch {
    throw badRequest("The form could not be read.", { _: "unreadable form" });
  }
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(fd.keys())) {
    const values = fd.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = lists.includes(key) ? values : (values[0] ?? "");
  }
  return out;
}

export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.", { _: "invalid JSON" });
  }
}

export function wantsJson(req: Request): boolean {
  return (req.headers.get("accept") ?? "").includes("application/json");
}
