// Signed-out visitors to app pages go to the login page, remembering where they were going.
// The session itself is verified by the pages (this only sees whether a cookie is present).
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "./lib/auth/actor";

export function proxy(req: NextRequest) {
  const path = req.nextUrl.pathname + req.nextUrl.search;
  if (!req.cookies.get(SESSION_COOKIE)) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = path === "/" ? "" : `?next=${encodeURIComponent(path)}`;
    return NextResponse.redirect(url);
  }
  const headers = new Headers(req.headers);
  headers.set("x-warroom-path", path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api|_next|login|status|maintenance|metrics|schema|icon.svg|favicon.ico).*)"],
};
