import { ApiError, explain } from "../api.js";
import { busy, field, h, replace, say, showFieldError, status } from "../dom.js";
import { t } from "../i18n.js";

// Which field a refusal belongs beside; the others are said above the form.
const FIELD_OF_CODE = {
  "invalid-credentials": "password",
  "server-unreachable": "serverName",
  "server-timeout": "serverName",
  "tls-error": "serverName",
  "insecure-server": "serverName",
  "invalid-server": "serverName",
  "private-network-server": "serverName",
  "mail-file-not-found": "mailFile",
};

/**
 * Connect Notes (the help page's authentication page): server name, user name, password, and the mail file's path
 * when the server cannot tell. A server that does not allow DAS gets the help page's steps for the level that is
 * off, and a "Check again" that submits the same details again.
 */
export function render(container, app) {
  const fields = {
    serverName: field({ name: "serverName", label: t("connect.serverName"), hint: t("connect.serverHint"),
      control: h("input", { type: "text", autocomplete: "url", required: true, spellcheck: false }) }),
    userName: field({ name: "userName", label: t("connect.userName"),
      control: h("input", { type: "text", autocomplete: "username", required: true }) }),
    password: field({ name: "password", label: t("connect.password"),
      control: h("input", { type: "password", autocomplete: "current-password", required: true }) }),
    mailFile: field({ name: "mailFile", label: t("connect.mailFile"), hint: t("connect.mailFileHint"),
      control: h("input", { type: "text", spellcheck: false }) }),
  };
  fields.mailFile.wrapper.hidden = true;

  const message = status("error");
  const dasHelp = h("section", { class: "das-help", "aria-live": "polite", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, t("connect.submit"));
  const form = h("form", { novalidate: true, class: "form" },
    message,
    Object.values(fields).map((f) => f.wrapper),
    h("div", { class: "actions" }, submit));

  container.append(h("section", { class: "card narrow", "aria-labelledby": "connect-title" },
    h("h2", { id: "connect-title" }, t("connect.title")),
    h("p", {}, t("connect.intro")),
    form,
    dasHelp));

  async function send() {
    for (const f of Object.values(fields)) showFieldError(f, null);
    say(message, "");
    dasHelp.hidden = true;
    const body = {
      serverName: fields.serverName.control.value.trim(),
      userName: fields.userName.control.value.trim(),
      password: fields.password.control.value,
    };
    if (!fields.mailFile.wrapper.hidden && fields.mailFile.control.value.trim())
      body.mailFile = fields.mailFile.control.value.trim();

    busy(submit, true, t("connect.submitting"));
    try {
      await app.api.post("/api/notes/connection", body);
      app.toast(t("connect.connected"));
      await app.refresh();
    } catch (error) {
      busy(submit, false);
      showRefusal(error);
    }
  }

  function showRefusal(error) {
    if (!(error instanceof ApiError)) return say(message, explain(error), "error");
    if (error.code.startsWith("das-disabled")) return showDasHelp(error);

    const fieldErrors = Object.entries(error.errors);
    for (const [name, messages] of fieldErrors) if (fields[name]) showFieldError(fields[name], messages.join(" "));
    const name = FIELD_OF_CODE[error.code];
    if (name) {
      fields[name].wrapper.hidden = false;
      showFieldError(fields[name], t(`connect.${error.code}`));
      fields[name].control.focus();
      return;
    }
    if (fieldErrors.length) return say(message, t("common.fixFields"), "error");
    say(message, explain(error, "connect"), "error");
  }

  function showDasHelp(error) {
    const target = error.code.replace("das-disabled-", "");
    const failed = (error.problem.checks ?? []).find((c) => !c.ok);
    const name = failed?.name ?? "";
    const steps = error.problem.fix ?? [];
    const checkAgain = h("button", { type: "button", class: "primary", onclick: () => send() }, t("connect.das.checkAgain"));
    replace(dasHelp,
      h("h3", { id: "das-title", tabindex: "-1", dataset: { code: error.code } }, t(`connect.das.title.${target}`, { name })),
      h("p", {}, t("connect.das.intro")),
      h("ol", { class: "steps" }, steps.map((step) => h("li", {}, step))),
      checksList(error.problem.checks ?? []),
      checkAgain);
    dasHelp.hidden = false;
    dasHelp.querySelector("h3").focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
}

function checksList(checks) {
  if (!checks.length) return null;
  return h("details", { class: "checks" },
    h("summary", {}, t("connect.das.checks")),
    h("ul", {}, checks.map((c) => h("li", { class: c.ok ? "ok" : "off" },
      `${t(`connect.target.${c.target}`)} ${c.name}: ${c.ok ? t("connect.das.ok") : t("connect.das.off")}`))));
}
