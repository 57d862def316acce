import { t, has } from "./i18n.js";

/** A refused call: its HTTP status and, from the problem details (api.md), the stable code, field errors and extras. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? "network" : "error");
    this.errors = problem?.errors ?? {};
    this.problem = problem ?? {};
  }
}

// Renew the token this long before it expires, so that no call goes out with a token about to die.
const RENEW_BEFORE_MS = 5 * 60 * 1000;
const TOKEN_FUNCTION = "notessync_widget_token";

/**
 * The widget's session with NotesSync's web API: the token comes from the extension's function, run through the
 * Zoho SDK (zoho.md §6); the browser never holds the organisation's secret.
 */
export class Api {
  constructor(baseUrl) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.token = null;
    this.claims = {};
    this.renewal = null;
  }

  async renewToken() {
    const answer = await ZOHO.CRM.FUNCTIONS.execute(TOKEN_FUNCTION, { arguments: JSON.stringify({}) });
    const output = answer?.details?.output;
    const token = output ? JSON.parse(output).token : null;
    if (!token) throw new Error(t("app.noToken"));
    this.token = token;
    this.claims = decodeClaims(token);
    clearTimeout(this.renewal);
    const renewIn = this.claims.exp * 1000 - Date.now() - RENEW_BEFORE_MS;
    this.renewal = setTimeout(() => this.renewToken().catch(() => {}), Math.max(renewIn, 30_000));
    return this.claims;
  }

  /** Calls the API; answers the parsed JSON (null when there is no body) or throws an ApiError. */
  async call(method, path, body, { credentials = "omit", headers = {}, retried = false } = {}) {
    let response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        credentials,
        headers: {
          Accept: "application/json",
          Authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, null);
    }

    // A token that expired while the tab slept: renew it once and repeat the call.
    if (response.status === 401 && !retried) {
      await this.renewToken();
      return this.call(method, path, body, { credentials, headers, retried: true });
    }
    const text = await response.text();
    const json = text ? safeJson(text) : null;
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  get(path) { return this.call("GET", path); }
  post(path, body, options) { return this.call("POST", path, body, options); }
  put(path, body) { return this.call("PUT", path, body); }
  delete(path) { return this.call("DELETE", path); }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function decodeClaims(token) {
  const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * Words for a refused call a user understands: the screen's own text for the code when it has one
 * (`${prefix}.${code}`), else what the status means; never raw JSON.
 */
export function explain(error, prefix) {
  if (!(error instanceof ApiError)) return error?.message || t("errors.unexpected");
  if (prefix && has(`${prefix}.${error.code}`)) return t(`${prefix}.${error.code}`, error.problem);
  switch (error.status) {
    case 0: return t("errors.network");
    case 401: return t("errors.unauthorized");
    case 403: return error.code === "admin-only" ? t("errors.adminOnly") : t("errors.forbidden");
    case 404: return t("errors.notFound");
    case 500: return t("errors.unexpected");
    default: return error.problem?.detail ? t("errors.generic", { detail: error.problem.detail }) : t("errors.unexpected");
  }
}
