import { noteResponse } from "@/lib/incidents/views";
import { created, route } from "@/lib/http/route";
import { noteInput } from "@/lib/incidents/schemas";
import { addNote } from "@/lib/incidents/notes";

export const POST = route({ access: "responder", body: noteInput, response: noteResponse }, async ({ actor, body, params }) => created(await addNote(actor, params.id, body)));
