// A review queue where one team's proposals sit behind another team's thousands (services/review-queue.test.ts,
// server/pages/review-page.test.ts): 1,210 about a north case first, then 3 about a south case, oldest first.
import { PersonInputSchema } from "../src/domain/model.ts";
import type { Db } from "../src/store/db.ts";
import { insertProposals } from "../src/store/evidence.ts";
import { savePerson } from "../src/store/people.ts";
import type { ProposalsTable } from "../src/store/schema.ts";

/** More than one read of the queue's walk (500) and than the old silent cap (200), all of them north's. */
export const NORTH_PROPOSALS = 1_210;

const proposal = (id: string, person: string, created: string): ProposalsTable => ({
  id,
  kind: "link_person",
  source_id: null,
  subject_id: person,
  payload: JSON.stringify({ person, name: `about ${person}` }),
  score: 0.9,
  status: "pending",
  reason: null,
  created_at: created,
  decided_at: null,
  decided_by: null,
});

/** North's case n-1 and its proposals p-n-00000…, then south's case s-1 and p-s-0…2. */
export async function plantQueue(db: Db): Promise<void> {
  await savePerson(db, "n-1", PersonInputSchema.parse({ full_name: "Nadia Norte", team: "north" }));
  await savePerson(db, "s-1", PersonInputSchema.parse({ full_name: "Samuel Sur", team: "south" }));
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  await insertProposals(db, [
    ...Array.from({ length: NORTH_PROPOSALS }, (_, i) =>
      proposal(`p-n-${String(i).padStart(5, "0")}`, "n-1", at(i)),
    ),
    ...Array.from({ length: 3 }, (_, i) => proposal(`p-s-${i}`, "s-1", at(NORTH_PROPOSALS + i))),
  ]);
}
