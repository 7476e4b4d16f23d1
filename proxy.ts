// Every page and API answer from Next passes here: security headers with a per-request CSP nonce
// on all of them, and signed-out visitors to app pages sent to the login page, remembering where
// they were going. The session itself is verified by the pages (this only sees whether a cookie is present).
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "./lib/auth/actor";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

/** Pages that need no session (APIs answer 401 themselves). */
const OPEN = /^\/(api|_next|login|status|maintenance|metrics|icon\.svg|schema|favicon\.ico|robots\.txt|maintenance\.html)(\/|$)/;

export function proxy(req: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const path = req.nextUrl.pathname + req.nextUrl.search;
  let res: NextResponse;
  if (!OPEN.test(req.nextUrl.pathname) && !req.cookies.get(SESSION_COOKIE)) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = path === "/" ? "" : `?next=${encodeURIComponent(path)}`;
    res = NextResponse.redirect(url);
  } else {
    // Next reads the nonce out of the request's CSP header and puts it on the scripts it renders.
    const headers = new Headers(req.headers);
    headers.set("x-warroom-path", path);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    res = NextResponse.next({ request: { headers } });
  }
  res.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(STATIC_SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Static build assets are immutable files; everything else gets the headers.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
