// A small dataset in the habeas format for tests: one public person, one private, a group, an order.
import type { z } from "zod";
import type { DatasetSchema } from "../src/domain/model.ts";

export function miniDataset(): z.input<typeof DatasetSchema> {
  return {
    sources: [
      {
        id: "s-court",
        publisher: "Supreme Court",
        title: "Order in No. 24A949",
        url: "https://www.supremecourt.gov/opinions/24pdf/24a949_lkhn.pdf",
        kind: "court_record",
        reliability: "primary",
        published_on: "2025-04-10",
      },
    ],
    facilities: [
      {
        id: "cecot",
        name: "CECOT",
        aliases: ["Centro de Confinamiento del Terrorismo"],
        kind: "foreign_prison",
        country: "SV",
        sources: [{ source: "s-court" }],
      },
    ],
    people: [
      {
        id: "kaag",
        full_name: "Kilmar Armando Abrego Garcia",
        aliases: ["Kilmer Armado Abrego-Garcia"],
        nationalities: ["SV"],
        protections: [{ kind: "withholding_241b3", country: "SV" }],
        consent: { public_record: true },
        a_number: "A123-456-789",
        summary: "Removed to El Salvador despite a withholding order.",
        sources: [{ source: "s-court" }],
      },
      {
        id: "private-1",
        full_name: "María de la Luz Romero de Hernández",
        birth_date: "1990-02-03",
        notes: "Family contact: private",
        sources: [],
      },
      {
        id: "group-1",
        kind: "group",
        full_name: "Class of AEA removals",
        group_size: 137,
        consent: { public_record: true },
        sources: [{ source: "s-court" }],
      },
    ],
    matters: [
      {
        id: "m-scotus",
        caption: "Noem v. Abrego Garcia",
        court: "Supreme Court of the United States",
        docket_number: "24A949",
        people: ["kaag", "private-1"],
        sources: [{ source: "s-court" }],
      },
    ],
    orders: [
      {
        id: "o-facilitate",
        matter: "m-scotus",
        kind: "facilitate_return",
        issued: "2025-04-10",
        summary: "The government must facilitate the return.",
        covers: { people: ["kaag", "private-1"] },
        sources: [{ source: "s-court" }],
      },
    ],
    events: [
      {
        id: "e-removal",
        person: "kaag",
        type: "REMOVAL",
        when: "2025-03-15 19:36",
        tz: "America/New_York",
        summary: "Flown to El Salvador on the third flight.",
        details: { destination_country: "SV", authority: "title8" },
        sources: [{ source: "s-court" }],
      },
      {
        id: "e-cecot",
        person: "kaag",
        type: "FOREIGN_CUSTODY",
        when: "2025-03-16",
        tz: "America/El_Salvador",
        facility: "cecot",
        summary: "Held at CECOT.",
        details: {},
      },
    ],
    claims: [],
  };
}
