import { created, route } from "@/lib/http/route";
import { postmortemNoteInput } from "@/lib/incidents/schemas";
import { addPostMortemNote } from "@/lib/incidents/postmortem-store";

export const POST = route({ access: "support", body: postmortemNoteInput }, async ({ actor, body, params }) => created({ note: await addPostMortemNote(actor, params.id, body.body) }));
