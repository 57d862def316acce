// Every CRM operation NotesSync's sync uses (docs/zoho.md), through Zoho's SDK, with what Zoho's samples say.
import * as ZOHOCRMSDK from "@zohocrm/nodejs-sdk-8.0";
import { bodyOf, expect, headerMap, idOf, paramMap, record, successesOf, wrapperOf } from "./sdk-answers.mjs";

const { Record, Users, Org, Fields, Modules, Coql, Choice } = ZOHOCRMSDK;

/** Runs every check in `run` (a CheckRun) against `org` (the control API's answer for a fresh org). */
export async function checkOperations(run, org, control) {
  const contacts = new Record.RecordOperations("Contacts");
  const tasks = new Record.RecordOperations("Tasks");
  const events = new Record.RecordOperations("Events");

  await run.check("users: GET /users?type=ActiveUsers lists the org's users", async () => {
    const response = await new Users.UsersOperations().getUsers(
      await paramMap(Users.GetUsersParam, { TYPE: new Choice("ActiveUsers"), PER_PAGE: 200 }));
    const users = wrapperOf(response, Users.ResponseWrapper, "users").getUsers();
    const emails = users.map(u => u.getEmail());
    expect(emails.includes(org.admin.email), `users: the admin ${org.admin.email} is not among ${emails.join(", ")}`);
    const incomplete = users.find(u => u.getId() == null || !u.getFullName());
    expect(!incomplete, `users: a user without id or full_name: ${incomplete?.getId()} ${incomplete?.getFullName()}`);
  });

  await run.check("org: GET /org answers the org's id and a different zgid", async () => {
    const [parsed] = wrapperOf(await new Org.OrgOperations().getOrganization(), Org.ResponseWrapper, "org").getOrg();
    expect(String(parsed.getId()) === org.orgId, `org: id ${parsed.getId()}, expected ${org.orgId}`);
    expect(String(parsed.getZgid()) === String(org.zgid), `org: zgid ${parsed.getZgid()}, expected ${org.zgid}`);
  });

  await run.check("modules: GET /settings/modules lists Contacts, Tasks and Events as API-supported", async () => {
    const modules = wrapperOf(await new Modules.ModulesOperations().getModules(), Modules.ResponseWrapper, "modules").getModules();
    for (const name of ["Contacts", "Tasks", "Events"]) {
      const module = modules.find(m => m.getAPIName() === name);
      expect(module, `modules: no ${name} among ${modules.map(m => m.getAPIName()).join(", ")}`);
      expect(module.getAPISupported() === true, `modules: ${name} is not api_supported`);
    }
  });

  await run.check("fields: GET /settings/fields?module=Contacts shows Notes_UNID as a unique text field", async () => {
    const response = await new Fields.FieldsOperations().getFields(await paramMap(Fields.GetFieldsParam, { MODULE: "Contacts" }));
    const fields = wrapperOf(response, Fields.ResponseWrapper, "fields").getFields();
    const unid = fields.find(f => f.getAPIName() === "Notes_UNID");
    expect(unid, "fields: no Notes_UNID field");
    expect(unid.getDataType() === "text", `fields: Notes_UNID is ${unid.getDataType()}`);
    expect(unid.getUnique() != null, "fields: Notes_UNID's unique is not parsed");
    expect(fields.some(f => f.getAPIName() === "Email"), "fields: no Email field");
  });

  // The sync reads changes since its last run: If-Modified-Since, sorted by Modified_Time, page tokens past page 1.
  const seeded = await control.records(org.orgId, "Contacts");
  const modified = seeded.map(r => Date.parse(r.modifiedTime)).sort((a, b) => a - b);
  const since = new Date(Math.floor(modified[Math.floor(modified.length / 3)] / 1000) * 1000);
  const expectedIds = seeded.filter(r => Date.parse(r.modifiedTime) > since.getTime()).map(r => r.id).sort();
  const listParams = { FIELDS: "id,Last_Name,Email,Modified_Time", PER_PAGE: 5, SORT_BY: "Modified_Time", SORT_ORDER: "asc" };
  const pages = [];

  await run.check("records: GET /Contacts with If-Modified-Since, walked with page_token, answers every record modified since", async () => {
    let pageToken = null;
    do {
      const response = await contacts.getRecords(
        await paramMap(Record.GetRecordsParam, pageToken ? { ...listParams, PAGE_TOKEN: pageToken } : listParams),
        await headerMap(Record.GetRecordsHeader, { IF_MODIFIED_SINCE: since }));
      const wrapper = wrapperOf(response, Record.ResponseWrapper, `records page ${pages.length + 1}`);
      const info = wrapper.getInfo();
      pages.push({ ids: wrapper.getData().map(r => String(r.getId())), info });
      expect(info.getMoreRecords() === (info.getNextPageToken() != null),
        `records page ${pages.length}: more_records ${info.getMoreRecords()} but next_page_token ${info.getNextPageToken()}`);
      pageToken = info.getNextPageToken();
    } while (pageToken && pages.length < 50);
    const ids = pages.flatMap(p => p.ids).sort();
    expect(pages.length > 2, `records: ${pages.length} pages; the check needs at least 3 to walk tokens both ways`);
    expect(JSON.stringify(ids) === JSON.stringify(expectedIds),
      `records: ${ids.length} records read, ${expectedIds.length} modified since ${since.toISOString()}`);
  });

  await run.check("records: previous_page_token is null on page 1 and leads back to the page before on later pages", async () => {
    expect(pages.length > 2, "records: the walk above did not reach page 3");
    expect(pages[0].info.getPreviousPageToken() == null, `records page 1: previous_page_token ${pages[0].info.getPreviousPageToken()}`);
    for (let n = 1; n < pages.length; n++) {
      const previous = pages[n].info.getPreviousPageToken();
      expect(previous, `records page ${n + 1}: no previous_page_token`);
      const response = await contacts.getRecords(
        await paramMap(Record.GetRecordsParam, { ...listParams, PAGE_TOKEN: previous }),
        await headerMap(Record.GetRecordsHeader, { IF_MODIFIED_SINCE: since }));
      const ids = wrapperOf(response, Record.ResponseWrapper, `previous of page ${n + 1}`).getData().map(r => String(r.getId()));
      expect(JSON.stringify(ids) === JSON.stringify(pages[n - 1].ids),
        `records page ${n + 1}: previous_page_token answers [${ids}], page ${n} was [${pages[n - 1].ids}]`);
    }
  });

  await run.check("records: GET /Contacts with If-Modified-Since after every change answers 304", async () => {
    const response = await contacts.getRecords(
      await paramMap(Record.GetRecordsParam, { FIELDS: "id,Last_Name" }),
      await headerMap(Record.GetRecordsHeader, { IF_MODIFIED_SINCE: new Date(modified.at(-1) + 1000) }));
    expect(response.getStatusCode() === 304, `records: HTTP ${response.getStatusCode()}, expected 304`);
  });

  const inserted = {};
  await run.check("insert: POST /Contacts creates two contacts, one SuccessResponse each", async () => {
    const response = await contacts.createRecords(bodyOf([
      record({ Last_Name: "Sdk-One", Email: "sdk.one@example.com", Notes_UNID: "SDKUNID0001" }),
      record({ Last_Name: "Sdk-Two", Email: "sdk.two@example.com", Notes_UNID: "SDKUNID0002" }),
    ]));
    expect(response.getStatusCode() === 201, `insert: HTTP ${response.getStatusCode()}, expected 201`);
    inserted.contacts = successesOf(response, "insert", 2).map(r => idOf(r));
  });

  await run.check("update: PUT /Contacts changes a contact, one SuccessResponse", async () => {
    expect(inserted.contacts, "update: needs the contacts the insert check makes");
    const update = record({ Title: "Updated through the SDK" });
    update.setId(BigInt(inserted.contacts[0]));
    successesOf(await contacts.updateRecords(bodyOf([update])), "update", 1);
  });

  await run.check("upsert: POST /Contacts/upsert on Notes_UNID updates the match and inserts the new one, as Zoho's sample", async () => {
    expect(inserted.contacts, "upsert: needs the contacts the insert check makes");
    const response = await contacts.upsertRecords(bodyOf([
      record({ Last_Name: "Sdk-One-Again", Notes_UNID: "SDKUNID0001" }),
      record({ Last_Name: "Sdk-Three", Email: "sdk.three@example.com", Notes_UNID: "SDKUNID0003" }),
    ], ["Notes_UNID"]));
    const [updated, added] = successesOf(response, "upsert", 2);
    expect(updated.getAction()?.getValue() === "update", `upsert: record 0 action ${updated.getAction()?.getValue()}, expected update`);
    expect(updated.getDuplicateField() === "Notes_UNID", `upsert: record 0 duplicate_field ${updated.getDuplicateField()}, expected Notes_UNID`);
    expect(idOf(updated) === inserted.contacts[0], `upsert: record 0 updated ${idOf(updated)}, expected ${inserted.contacts[0]}`);
    expect(added.getAction()?.getValue() === "insert", `upsert: record 1 action ${added.getAction()?.getValue()}, expected insert`);
    // Zoho's sample: a record the upsert inserted matched no duplicate-check field, so duplicate_field is null.
    expect(added.getDuplicateField() == null, `upsert: record 1 (inserted) duplicate_field ${added.getDuplicateField()}, Zoho's sample has null`);
    inserted.contacts.push(idOf(added));
  });

  await run.check("tasks: POST, PUT and GET /Tasks", async () => {
    const [created] = successesOf(await tasks.createRecords(bodyOf([
      record({ Subject: "Call back through the SDK", Status: new Choice("Not Started"), Due_Date: new Date("2026-07-01T00:00:00Z") }),
    ])), "task insert", 1);
    const update = record({ Status: new Choice("Completed") });
    update.setId(BigInt(idOf(created)));
    successesOf(await tasks.updateRecords(bodyOf([update])), "task update", 1);
    const read = wrapperOf(await tasks.getRecords(await paramMap(Record.GetRecordsParam, { FIELDS: "id,Subject,Status,Due_Date", PER_PAGE: 200 })),
      Record.ResponseWrapper, "tasks").getData();
    const task = read.find(r => String(r.getId()) === idOf(created));
    expect(task, "tasks: the new task is not listed");
    expect(task.getKeyValue("Status")?.getValue?.() === "Completed", `tasks: Status ${JSON.stringify(task.getKeyValue("Status"))}`);
  });

  await run.check("events: POST, PUT and GET /Events", async () => {
    const [created] = successesOf(await events.createRecords(bodyOf([
      record({
        Event_Title: "Meeting through the SDK",
        Start_DateTime: new Date("2026-07-01T09:00:00+02:00"),
        End_DateTime: new Date("2026-07-01T10:00:00+02:00"),
      }),
    ])), "event insert", 1);
    const update = record({ Venue: "Room 2" });
    update.setId(BigInt(idOf(created)));
    successesOf(await events.updateRecords(bodyOf([update])), "event update", 1);
    const read = wrapperOf(await events.getRecords(await paramMap(Record.GetRecordsParam, { FIELDS: "id,Event_Title,Start_DateTime,Venue", PER_PAGE: 200 })),
      Record.ResponseWrapper, "events").getData();
    const event = read.find(r => String(r.getId()) === idOf(created));
    expect(event, "events: the new event is not listed");
    expect(event.getKeyValue("Start_DateTime") instanceof Date, `events: Start_DateTime parsed as ${typeof event.getKeyValue("Start_DateTime")}`);
    expect(event.getKeyValue("Venue") === "Room 2", `events: Venue ${event.getKeyValue("Venue")}`);
  });

  await run.check("deleted: DELETE /Contacts?ids= then GET /Contacts/deleted with If-Modified-Since lists it", async () => {
    expect(inserted.contacts?.length >= 2, "deleted: needs the contacts the insert check makes");
    const before = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);
    const doomed = inserted.contacts[1];
    successesOf(await contacts.deleteRecords(await paramMap(Record.DeleteRecordsParam, { IDS: doomed, WF_TRIGGER: false })), "delete", 1);
    const response = await contacts.getDeletedRecords(
      await paramMap(Record.GetDeletedRecordsParam, { TYPE: "all", PAGE: 1, PER_PAGE: 200 }),
      await headerMap(Record.GetDeletedRecordsHeader, { IF_MODIFIED_SINCE: before }));
    const wrapper = wrapperOf(response, Record.DeletedRecordsWrapper, "deleted");
    const entry = wrapper.getData().find(d => String(d.getId()) === doomed);
    expect(entry, `deleted: ${doomed} is not in [${wrapper.getData().map(d => String(d.getId()))}]`);
    expect(entry.getDeletedTime() instanceof Date, "deleted: deleted_time is not a date-time");
    expect(entry.getType() === "recycle", `deleted: type ${entry.getType()}, expected recycle`);
  });

  await run.check("coql: POST /coql selects contacts by Notes_UNID with limit offset, rows", async () => {
    const query = new Coql.BodyWrapper();
    query.setSelectQuery("select Last_Name, Notes_UNID from Contacts where Notes_UNID is not null order by id asc limit 0, 200");
    const wrapper = wrapperOf(await new Coql.CoqlOperations().getRecords(query), Coql.ResponseWrapper, "coql");
    const unids = wrapper.getData().map(r => r.getKeyValue("Notes_UNID")).sort();
    const stored = (await control.records(org.orgId, "Contacts")).map(r => r.fields.Notes_UNID).filter(u => u != null).sort();
    expect(unids.length > 0 && JSON.stringify(unids) === JSON.stringify(stored), `coql: Notes_UNIDs [${unids}], the org has [${stored}]`);
    expect(wrapper.getInfo().getMoreRecords() === false, "coql: more_records is not false");
  });

  // Last: a failed refresh leaves the SDK's field cache half written.
  await run.check("fields: the SDK's field refresh (ModuleFieldsHandler.refreshAllModules, Zoho's autoRefreshFields) completes", async () => {
    await ZOHOCRMSDK.ModuleFieldsHandler.refreshAllModules();
  });
}
