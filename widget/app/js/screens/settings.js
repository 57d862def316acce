import { ApiError, explain } from "../api.js";
import { busy, field, h, openDialog, say, showFieldError, status } from "../dom.js";
import { t } from "../i18n.js";

/**
 * The Sync settings dialog: exactly product.md §3's options. The server validates the whole profile and its field
 * errors are shown beside their fields; the dialog stays open with what was chosen.
 */
export async function openSettings(app, { firstRun = false, onSaved } = {}) {
  let saved;
  try {
    saved = await app.api.get("/api/sync/settings");
  } catch (error) {
    app.toast(explain(error));
    return;
  }

  const checkbox = (checked) => h("input", { type: "checkbox", checked });
  const select = (options, value, prefix) => h("select", {},
    options.map((o) => h("option", { value: o, selected: o === value }, t(`${prefix}.${o}`))));

  const f = {
    contacts: field({ name: "contacts", label: t("settings.contacts"), control: checkbox(saved.contacts) }),
    tasks: field({ name: "tasks", label: t("settings.tasks"), control: checkbox(saved.tasks) }),
    events: field({ name: "events", label: t("settings.events"), control: checkbox(saved.events) }),
    eventRange: field({ name: "eventRange", label: t("settings.eventRange"),
      control: select(["all", "fromToday", "fromLastMonth"], saved.eventRange, "settings.range") }),
    direction: field({ name: "direction", label: t("settings.direction"),
      control: select(["twoWay", "notesToCrm", "crmToNotes"], saved.direction, "settings.direction") }),
    conflictWinner: field({ name: "conflictWinner", label: t("settings.conflictWinner"), hint: t("settings.winnerHint"),
      control: select(["crm", "notes"], saved.conflictWinner, "settings.winner") }),
    auto: field({ name: "auto", label: t("settings.auto"), control: checkbox(saved.autoSyncMinutes !== null) }),
    autoSyncMinutes: field({ name: "autoSyncMinutes", label: t("settings.autoMinutes"), hint: t("settings.autoHint"),
      control: h("input", { type: "number", inputmode: "numeric", step: "1", value: String(saved.autoSyncMinutes ?? 60) }) }),
  };
  const syncEvents = () => { f.eventRange.control.disabled = !f.events.control.checked; };
  const syncAuto = () => { f.autoSyncMinutes.wrapper.hidden = !f.auto.control.checked; };
  f.events.control.addEventListener("change", syncEvents);
  f.auto.control.addEventListener("change", syncAuto);
  syncEvents();
  syncAuto();

  const message = status("error");
  const submit = h("button", { type: "submit", class: "primary" }, firstRun ? t("settings.saveAndSync") : t("common.save"));
  const cancel = h("button", { type: "button", class: "secondary" }, t("common.cancel"));
  const form = h("form", { novalidate: true, class: "form", id: "settings-form" },
    firstRun ? h("p", {}, t("settings.firstIntro")) : null,
    message,
    h("fieldset", {}, h("legend", {}, t("settings.what")),
      f.contacts.wrapper, f.tasks.wrapper, f.events.wrapper, f.eventRange.wrapper),
    f.direction.wrapper, f.conflictWinner.wrapper, f.auto.wrapper, f.autoSyncMinutes.wrapper,
    h("p", { class: "hint" }, t("settings.privateNote")),
    h("div", { class: "actions" }, cancel, submit));

  const dialog = openDialog({ title: t("settings.title"), body: form });
  cancel.addEventListener("click", () => dialog.close());

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const one of Object.values(f)) showFieldError(one, null);
    say(message, "");
    const minutes = f.autoSyncMinutes.control.value.trim();
    const body = {
      contacts: f.contacts.control.checked,
      tasks: f.tasks.control.checked,
      events: f.events.control.checked,
      eventRange: f.eventRange.control.value,
      direction: f.direction.control.value,
      conflictWinner: f.conflictWinner.control.value,
      // A number the server can judge; a blank or non-number is sent as such so that its message names the field.
      autoSyncMinutes: f.auto.control.checked ? (minutes === "" ? 0 : Number(minutes)) : null,
    };
    busy(submit, true, t("common.saving"));
    try {
      await app.api.put("/api/sync/settings", body);
      dialog.close();
      app.toast(t("settings.saved"));
      if (onSaved) await onSaved();
      else await app.refresh();
    } catch (error) {
      busy(submit, false);
      if (!(error instanceof ApiError) || !Object.keys(error.errors).length) return say(message, explain(error), "error");
      say(message, t("common.fixFields"), "error");
      let first = null;
      for (const [name, messages] of Object.entries(error.errors)) {
        const target = f[name] ?? f.contacts;
        showFieldError(target, messages.join(" "));
        first ??= target.control;
      }
      first?.focus();
    }
  });
}
