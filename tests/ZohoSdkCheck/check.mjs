// The Zoho simulator as Zoho's own client sees it: drives every CRM operation NotesSync's sync uses through Zoho's
// official Node SDK (@zohocrm/nodejs-sdk-8.0, pinned in package.json) and checks that the SDK parses each answer
// and that each answer says what Zoho's samples say.
//
//   node check.mjs <simulator base URL> [accounts URL]
//
// The simulator serves the accounts server on the same host unless told otherwise. The script makes its own org
// through the simulator's control API (/_simulator), so it can run against a sandbox that is already in use.
// Exit code 0: every check passed; 1: at least one failed (each failure is printed); 2: bad arguments.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ZOHOCRMSDK from "@zohocrm/nodejs-sdk-8.0";
import { SimulatorControl } from "./simulator-control.mjs";
import { CheckRun, describe } from "./sdk-answers.mjs";
import { checkOperations } from "./operations.mjs";

const [baseArg, accountsArg] = process.argv.slice(2);
if (!baseArg) {
  console.error("usage: node check.mjs <simulator base URL> [accounts URL]");
  process.exit(2);
}
const apiDomain = new URL(baseArg).origin;
const accountsUrl = new URL(accountsArg ?? baseArg).origin;

const run = new CheckRun();

// ---- set up: an org of our own, a unique Notes_UNID on Contacts (upsert needs it), a refresh token ----
const control = new SimulatorControl(apiDomain);
const org = await control.createOrg({ companyName: "SDK check", seed: { users: 2, contacts: 25, tasks: 4, events: 4, seed: 7 } });
await control.addField(org.orgId, "Contacts", { label: "Notes UNID", dataType: "text", length: 32, unique: true });
const scopes = "ZohoCRM.modules.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoCRM.settings.fields.ALL,ZohoCRM.settings.modules.READ,ZohoCRM.coql.READ";
const tokens = await control.issueTokens(org.orgId, scopes);
const client = org.clients[0];

const work = fs.mkdtempSync(path.join(os.tmpdir(), "zoho-sdk-check-"));
try {
  // The accounts URL Zoho's data centers name is the token endpoint itself (…/oauth/v2/token).
  const environment = new ZOHOCRMSDK.Environment(apiDomain, `${accountsUrl}/oauth/v2/token`, apiDomain);
  const token = new ZOHOCRMSDK.OAuthBuilder()
    .clientId(client.clientId)
    .clientSecret(client.clientSecret)
    .refreshToken(tokens.refreshToken)
    .build();
  await (await new ZOHOCRMSDK.InitializeBuilder())
    .environment(environment)
    .token(token)
    .store(new ZOHOCRMSDK.FileStore(path.join(work, "tokens.txt")))
    // Without autoRefreshFields the SDK reads one module's fields before its first call on that module; the full
    // refresh (list the modules, then every module's fields) is checked on its own, last, so that a broken modules
    // route shows as one failure instead of failing every record call after it.
    .SDKConfig(new ZOHOCRMSDK.SDKConfigBuilder().autoRefreshFields(false).pickListValidation(false).build())
    .resourcePath(work)
    .logger(new ZOHOCRMSDK.LogBuilder().level(ZOHOCRMSDK.Levels.INFO).filePath(path.join(work, "sdk.log")).build())
    .initialize();

  await checkOperations(run, org, control);
} catch (error) {
  run.failures.push("setup");
  console.log(`FAIL  setup\n      ${describe(error)}`);
} finally {
  const log = path.join(work, "sdk.log");
  if (run.failures.length > 0 && fs.existsSync(log)) {
    console.log("---- SDK log (last 40 lines) ----");
    console.log(fs.readFileSync(log, "utf8").trimEnd().split("\n").slice(-40).join("\n"));
  }
  fs.rmSync(work, { recursive: true, force: true });
}

console.log(`${run.passed} passed, ${run.failures.length} failed${run.failures.length ? ": " + run.failures.join("; ") : ""}`);
process.exit(run.failures.length === 0 ? 0 : 1);
