// What a check needs to read the SDK's answers: a named check that records its failure, and the unwrapping of
// APIResponse objects into the wrappers Zoho's SDK documents (ResponseWrapper for reads, SuccessResponse per record).
import * as ZOHOCRMSDK from "@zohocrm/nodejs-sdk-8.0";

const { Record } = ZOHOCRMSDK;

export class CheckRun {
  failures = [];
  passed = 0;

  /** Runs one named check; a thrown error or a failed expectation is recorded and the next check still runs. */
  async check(name, body) {
    try {
      await body();
      this.passed++;
      console.log(`ok    ${name}`);
    } catch (error) {
      this.failures.push(name);
      console.log(`FAIL  ${name}\n      ${describe(error).replaceAll("\n", "\n      ")}`);
    }
  }
}

/** A failed expectation: the message says it all, so no stack is printed for it. */
class Deviation extends Error {}

export function expect(condition, message) {
  if (!condition) throw new Deviation(message);
}

/** The SDK reports its own failures as SDKException (code, message, details, cause): print all of them. */
export function describe(error) {
  if (error instanceof ZOHOCRMSDK.SDKException) {
    const cause = error.cause ? `\ncaused by ${error.cause.stack ?? error.cause}` : "";
    return `SDKException ${error.code ?? ""}: ${error.message ?? ""} ${JSON.stringify(error.details ?? {})}${cause}`;
  }
  if (error instanceof Deviation) return error.message;
  return error?.stack ?? String(error);
}

/** An APIException (Zoho's error body as the SDK parsed it), in one line. */
export function apiError(object) {
  if (typeof object?.getCode !== "function") return `${object?.constructor?.name ?? object}`;
  return `${object.getStatus()?.getValue?.()} ${object.getCode()?.getValue?.()}: ${object.getMessage()} ${JSON.stringify(object.getDetails?.() ?? {})}`;
}

/** The parsed body of a GET, which must be the operation's ResponseWrapper (not an APIException, not empty). */
export function wrapperOf(response, wrapperClass, what) {
  expect(response != null, `${what}: no response`);
  const object = response.getObject();
  expect(response.getStatusCode() === 200,
    `${what}: HTTP ${response.getStatusCode()}, expected 200${object ? " — " + apiError(object) : ""}`);
  expect(object instanceof wrapperClass, `${what}: the SDK parsed ${object?.constructor?.name}: ${apiError(object)}`);
  return object;
}

/** One SuccessResponse per record of a write, in order; anything else (an APIException) fails the check. */
export function successesOf(response, what, count) {
  expect(response != null, `${what}: no response`);
  const wrapper = response.getObject();
  expect(wrapper instanceof Record.ActionWrapper,
    `${what}: HTTP ${response.getStatusCode()}, the SDK parsed ${wrapper?.constructor?.name}: ${apiError(wrapper)}`);
  const results = wrapper.getData();
  expect(results.length === count, `${what}: ${results.length} results for ${count} records`);
  results.forEach((result, i) => {
    expect(result instanceof Record.SuccessResponse, `${what}: record ${i} answered ${apiError(result)}`);
    expect(result.getStatus().getValue() === "success" && result.getCode().getValue() === "SUCCESS",
      `${what}: record ${i} answered ${result.getStatus().getValue()} ${result.getCode().getValue()}`);
    expect(typeof idOf(result) === "string", `${what}: record ${i} has no details.id`);
  });
  return results;
}

/** The id in a SuccessResponse's details (the SDK parses details into a Map). */
export function idOf(result) {
  const details = result.getDetails();
  return details instanceof Map ? details.get("id") : details?.id;
}

export async function paramMap(paramClass, entries) {
  const map = new ZOHOCRMSDK.ParameterMap();
  for (const [name, value] of Object.entries(entries)) await map.add(paramClass[name], value);
  return map;
}

export async function headerMap(headerClass, entries) {
  const map = new ZOHOCRMSDK.HeaderMap();
  for (const [name, value] of Object.entries(entries)) await map.add(headerClass[name], value);
  return map;
}

export function record(values) {
  const r = new Record.Record();
  for (const [key, value] of Object.entries(values)) r.addKeyValue(key, value);
  return r;
}

export function bodyOf(records, duplicateCheckFields) {
  const wrapper = new Record.BodyWrapper();
  wrapper.setData(records);
  if (duplicateCheckFields) wrapper.setDuplicateCheckFields(duplicateCheckFields);
  return wrapper;
}
