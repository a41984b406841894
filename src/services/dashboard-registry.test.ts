// The dashboard over a facility registry of more than a thousand places: people held at a place whose name
// sorts after the first thousand are still placed (abroad here) and counted at their facility.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { saveFacilities } from "../store/catalog.ts";
import { saveEvent } from "../store/events.ts";
import { savePerson } from "../store/people.ts";
import { computeDashboard } from "./dashboard.ts";

const HELD = 12;
let store: TestStore;
before(async () => {
  store = await openTestStore();
  const place = (id: string, name: string, country: string) => ({
    id,
    name,
    aliases: [],
    kind: "detention_center" as const,
    country,
    codes: {},
  });
  await saveFacilities(store.db, [
    ...Array.from({ length: 1_100 }, (_, i) =>
      place(`us-${i}`, `A County Jail ${String(i).padStart(4, "0")}`, "US"),
    ),
    place("zona", "Zona Penal de Máxima Seguridad", "SV"),
  ]);
  for (let i = 0; i < HELD; i++) {
    const id = `held-${i}`;
    await savePerson(
      store.db,
      id,
      PersonInputSchema.parse({ full_name: `Public Person ${i}`, consent: { publish: true } }),
    );
    await saveEvent(store.db, {
      id: `${id}-transfer`,
      person: id,
      type: "TRANSFER",
      at: "2025-03-16T12:00:00Z",
      precision: "day",
      tz: "UTC",
      facility: "zona",
      summary: "Sent abroad",
      details: {},
      citations: [],
    });
  }
});
after(() => store.close());

test(`[${TEST_ENGINE}] people held at the 1,101st facility by name are placed abroad and counted there`, async () => {
  const d = await computeDashboard(store.db, { asOf: "2025-05-01T00:00:00Z" });
  assert.deepEqual(d.by_status, [{ status: "held_abroad", people: HELD }]);
  assert.deepEqual(
    d.by_facility.map((f) => [f.facility.id, f.people]),
    [["zona", HELD]],
  );
});
