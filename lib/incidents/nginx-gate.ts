// The proxy side of the maintenance page. No server imports: the nginx tests (integration and e2e)
// build their nginx.conf from this very text, so what the war room shows is what is proven.

/** The per-request gate a reverse proxy consults (nginx `auth_request`): 204 = serve the site, 403 = show the maintenance page. */
export const GATE_PATH = "/api/public/maintenance/gate";

/**
 * The nginx rules for the site's own server { } block. The e2e and integration tests run real nginx
 * with exactly this text (only the address differs), so what the war room shows is what is proven.
 *
 * Fail-open: when Warroom is unreachable, slow or failing, the gate subrequest errs and nginx would
 * answer 500 for every page of the site; the status tool must never take the site down, so those
 * errors are turned into "serve the site" (`@warroom_gate_open`).
 */
export function nginxSnippet(baseUrl: string): string {
  const base = new URL(baseUrl).origin;
  return `# Warroom maintenance gate: paste into the site's server { } block.
# Needs the auth_request module (Debian: nginx-light, nginx-core or nginx-full; check with nginx -V).
# Every request asks Warroom first: 204 serves the site, 403 serves the maintenance page (503).
# A location with error_page lines of its own does not inherit these: repeat the error_page 403 line there.
auth_request /__warroom_gate;
error_page 403 = @warroom_maintenance;

location = /__warroom_gate {
    internal;
    proxy_pass ${base}${GATE_PATH};
    proxy_method GET;
    proxy_pass_request_body off;
    # Visitors' cookies and headers are none of Warroom's business.
    proxy_pass_request_headers off;
    proxy_set_header Content-Length "";
    proxy_connect_timeout 1s;
    proxy_read_timeout 2s;
    # Fail open: if Warroom is down, slow or failing, serve the site as usual.
    proxy_intercept_errors on;
    error_page 500 502 503 504 = @warroom_gate_open;
}

location @warroom_gate_open {
    return 204;
}

location @warroom_maintenance {
    auth_request off;
    # The trailing "?" drops the visitor's query string: Warroom's page takes none.
    rewrite ^ /maintenance? break;
    proxy_method GET;
    proxy_pass_request_body off;
    proxy_pass_request_headers off;
    proxy_set_header Content-Length "";
    proxy_pass ${base};
}
`;
}

