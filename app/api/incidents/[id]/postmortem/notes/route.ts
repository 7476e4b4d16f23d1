import { created, route } from "@/lib/http/route";
import { postmortemNoteInput } from "@/lib/incidents/schemas";
import { addPostMortemNote } from "@/lib/incidents/postmortem-store";
import { postMortemNoteResponse } from "@/lib/incidents/views";

export const POST = route({ access: "support", body: postmortemNoteInput, response: postMortemNoteResponse }, async ({ actor, body, params }) => created({ note: await addPostMortemNote(actor, params.id, body.body) }));
