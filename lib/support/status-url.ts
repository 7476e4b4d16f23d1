// Where customers follow along: the status page at the configured public address.
import { publicUrl } from "../public/url";

export function publicStatusUrl(): string {
  return `${publicUrl()}/status`;
}
