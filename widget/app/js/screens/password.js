import { ApiError, explain } from "../api.js";
import { busy, field, h, openDialog, say, showFieldError, status } from "../dom.js";
import { t } from "../i18n.js";

/** Change password (help page: "Identifiant e-mail" and the new password); Domino must accept them first. */
export function openPassword(app) {
  const f = {
    email: field({ name: "email", label: t("password.email"),
      control: h("input", { type: "email", autocomplete: "username", value: app.me.email ?? "" }) }),
    newPassword: field({ name: "newPassword", label: t("password.new"),
      control: h("input", { type: "password", autocomplete: "new-password" }) }),
  };
  const message = status("error");
  const submit = h("button", { type: "submit", class: "primary" }, t("password.submit"));
  const cancel = h("button", { type: "button", class: "secondary" }, t("common.cancel"));
  const form = h("form", { novalidate: true, class: "form", id: "password-form" },
    h("p", {}, t("password.intro")), message, f.email.wrapper, f.newPassword.wrapper,
    h("div", { class: "actions" }, cancel, submit));
  const dialog = openDialog({ title: t("password.title"), body: form });
  cancel.addEventListener("click", () => dialog.close());

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    Object.values(f).forEach((one) => showFieldError(one, null));
    say(message, "");
    busy(submit, true, t("common.saving"));
    try {
      await app.api.put("/api/notes/password", { email: f.email.control.value.trim(), newPassword: f.newPassword.control.value });
      dialog.close();
      app.toast(t("password.saved"));
    } catch (error) {
      busy(submit, false);
      if (error instanceof ApiError && error.code === "invalid-credentials") {
        showFieldError(f.newPassword, t("password.invalid-credentials"));
        f.newPassword.control.focus();
      } else if (error instanceof ApiError && Object.keys(error.errors).length) {
        for (const [name, messages] of Object.entries(error.errors)) if (f[name]) showFieldError(f[name], messages.join(" "));
        say(message, t("common.fixFields"), "error");
      } else {
        say(message, explain(error, "startError"), "error");
      }
    }
  });
}
