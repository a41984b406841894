// Staff forms to add and edit people, events, court orders, legal matters and sources: one module per kind
// of record, one shared flow (flow.ts), registered here in one place and in this order.
import type { Database } from "../../../services/store.ts";
import { registerEventForm } from "./event-form.ts";
import type { Routes } from "./flow.ts";
import { registerMatterForm } from "./matter-form.ts";
import { registerOrderForm } from "./order-form.ts";
import { registerPersonForm } from "./person-form.ts";
import { registerSourceForm } from "./source-form.ts";

export function registerRecordForms(r: Routes, db: Database) {
  registerPersonForm(r, db);
  registerEventForm(r, db);
  registerOrderForm(r, db);
  registerMatterForm(r, db);
  registerSourceForm(r, db);
}
