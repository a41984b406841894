// Every `habeas` command, in the order `habeas --help` lists them.
import type { Command } from "../context.ts";
import { importFiles } from "./import.ts";
import { dbMigrate, init } from "./init.ts";
import { peopleList, peopleSearch, peopleShow } from "./people.ts";
import { search } from "./search.ts";
import { serve } from "./serve.ts";

export const COMMANDS: readonly Command[] = [
  init,
  dbMigrate,
  serve,
  peopleList,
  peopleShow,
  peopleSearch,
  search,
  importFiles,
];
