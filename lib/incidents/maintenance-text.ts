// The maintenance page's wording when the leader leaves the message empty. No server imports:
// the war-room panel pre-fills it, so what the leader sees is what the public page shows.
export const DEFAULT_MAINTENANCE_MESSAGE = "We are working on a problem with the site. Please try again in a few minutes.";
