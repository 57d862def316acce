import { explain } from "../api.js";
import { busy, h, openDialog, say, status } from "../dom.js";
import { t } from "../i18n.js";

/** Disconnect Notes: a confirmation, then the stored credentials are gone and Connect Notes comes back. */
export function openDisconnect(app) {
  const message = status("error");
  const confirm = h("button", { type: "button", class: "danger" }, t("disconnect.confirm"));
  const cancel = h("button", { type: "button", class: "secondary" }, t("common.cancel"));
  const dialog = openDialog({
    title: t("disconnect.title"),
    body: h("div", {}, h("p", {}, t("disconnect.body")), message, h("div", { class: "actions" }, cancel, confirm)),
  });
  cancel.addEventListener("click", () => dialog.close());
  confirm.addEventListener("click", async () => {
    busy(confirm, true, t("disconnect.confirm"));
    try {
      await app.api.delete("/api/notes/connection");
      dialog.close();
      app.toast(t("disconnect.done"));
      await app.refresh();
    } catch (error) {
      busy(confirm, false);
      say(message, explain(error), "error");
    }
  });
}
