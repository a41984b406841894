// Every `habeas` command, in the order `habeas --help` lists them.
import type { Command } from "../context.ts";
import { attach, attachmentGet } from "./attachments.ts";
import { casesExport, casesImport } from "./cases.ts";
import { check } from "./check.ts";
import { dbCopy } from "./db-copy.ts";
import { assign, deadlines, userCalendar } from "./deadlines.ts";
import { demoGenerate } from "./demo.ts";
import {
  claims,
  dedupe,
  extract,
  ingest,
  peopleDuplicates,
  peopleMerge,
  peopleMerges,
  peopleUnmerge,
  resolve,
  reviewAccept,
  reviewGroupsCmd,
  reviewList,
  reviewReject,
  reviewUndo,
} from "./evidence.ts";
import { exportPublic } from "./export.ts";
import { facilitiesReview, facilitiesSearch, facilitiesSetHead, facilitiesShow } from "./facilities.ts";
import { importFiles } from "./import.ts";
import { dbMigrate, init } from "./init.ts";
import { mattersList, mattersShow, ordersList, ordersShow } from "./matters.ts";
import { peopleList, peopleSearch, peopleShow } from "./people.ts";
import { petitionDraft, petitionFiled, petitionOfficials } from "./petition.ts";
import { deletedList, deleteRecord, restoreRecord } from "./removal.ts";
import { search } from "./search.ts";
import { auditHead, auditList, auditVerify, familyCodeCreate, keysRotate, keysStatus } from "./security.ts";
import { serve } from "./serve.ts";
import { userAdd, userDisable, userEnable, userList, userPasswd, userUnlock } from "./users.ts";

export const COMMANDS: readonly Command[] = [
  init,
  dbMigrate,
  dbCopy,
  demoGenerate,
  serve,
  peopleList,
  peopleShow,
  peopleSearch,
  search,
  check,
  importFiles,
  extract,
  dedupe,
  resolve,
  ingest,
  claims,
  reviewList,
  reviewAccept,
  reviewReject,
  reviewGroupsCmd,
  reviewUndo,
  peopleMerge,
  peopleUnmerge,
  peopleMerges,
  peopleDuplicates,
  exportPublic,
  userAdd,
  userList,
  userPasswd,
  userDisable,
  userEnable,
  userUnlock,
  familyCodeCreate,
  keysRotate,
  keysStatus,
  auditVerify,
  auditHead,
  auditList,
  facilitiesSearch,
  facilitiesShow,
  facilitiesReview,
  facilitiesSetHead,
  petitionDraft,
  petitionFiled,
  petitionOfficials,
  deadlines,
  assign,
  userCalendar,
  deleteRecord,
  deletedList,
  restoreRecord,
  mattersList,
  mattersShow,
  ordersList,
  ordersShow,
  attach,
  attachmentGet,
  casesExport,
  casesImport,
];
