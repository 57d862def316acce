// The simulator's control API (/_simulator/…): not Zoho's, so plain fetch rather than the SDK.
export class SimulatorControl {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }

  async call(method, route, body) {
    const response = await fetch(`${this.baseUrl}/_simulator/${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control API ${method} /_simulator/${route} answered ${response.status}: ${text}`);
    return text.length > 0 ? JSON.parse(text) : null;
  }

  createOrg(spec) {
    return this.call("POST", "orgs", spec);
  }

  addField(orgId, module, field) {
    return this.call("POST", `orgs/${orgId}/fields/${module}`, field);
  }

  issueTokens(orgId, scope) {
    return this.call("POST", `orgs/${orgId}/tokens`, { scope });
  }

  records(orgId, module) {
    return this.call("GET", `orgs/${orgId}/records/${module}`);
  }

  /** Edits a record as a CRM user would in Zoho's UI (the sync's If-Modified-Since reads must then see it). */
  editRecord(orgId, module, id, fields) {
    return this.call("PATCH", `orgs/${orgId}/records/${module}/${id}`, fields);
  }
}
