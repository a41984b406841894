// The staff tools under a person's record: who the case is assigned to, and the actions that are not
// edits of a field (issuing a family code, removing a mistaken record).
import { html } from "hono/html";
import { assignableStaff, assigneesOfCase } from "../../services/deadlines.ts";
import type { Database } from "../../services/store.ts";
import { assignmentSection } from "./deadlines-page.ts";
import type { Page } from "./page.ts";

export async function staffTools(p: Page, db: Database, personId: string) {
  const [assignees, staff] = await Promise.all([
    assigneesOfCase(db, personId, p.viewer),
    p.mayWrite ? assignableStaff(db, p.viewer) : Promise.resolve([]),
  ]);
  return html`<aside class="person-tools">${assignmentSection(p, personId, assignees, staff)}</aside>`;
}
