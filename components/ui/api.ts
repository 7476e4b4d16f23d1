// Browser-side JSON API calls; errors carry the server's code, message and field errors.
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly fields: Record<string, string> = {}, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

/** `body` is sent as JSON; `raw` sends text as is (e.g. a YAML document) with its content type. */
type Options = { method?: string; body?: unknown; raw?: { text: string; contentType: string }; signal?: AbortSignal };

export async function apiFetch<T>(url: string, opts: Options = {}): Promise<T> {
  const contentType = opts.raw?.contentType ?? (opts.body !== undefined ? "application/json" : undefined);
  const res = await fetch(url, {
    method: opts.method ?? "GET",
    headers: contentType ? { "content-type": contentType } : undefined,
    body: opts.raw?.text ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    signal: opts.signal,
    credentials: "same-origin",
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } & Record<string, unknown> }).error ?? {};
    if (res.status === 401 && typeof window !== "undefined" && !url.startsWith("/api/auth/")) window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
    throw new ApiError(res.status, err.code ?? "error", err.message ?? `Request failed (${res.status})`, err.fields ?? {}, err);
  }
  return data as T;
}
