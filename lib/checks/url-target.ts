/** host and port of a service URL, for messages ("connection refused on db:5432"); never the credentials. */
export function urlTarget(url: string, defaultPort: string, fallbackHost: string): { host: string; port: string } {
  try {
    const u = new URL(url);
    return { host: u.hostname || "localhost", port: u.port || defaultPort };
  } catch {
    return { host: fallbackHost, port: defaultPort };
  }
}
