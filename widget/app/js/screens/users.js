import { explain } from "../api.js";
import { busy, field, h, openDialog, replace, say, status, uid } from "../dom.js";
import { formatDate, t } from "../i18n.js";

/**
 * Manage users (admins): seats used of total, add a CRM user of the organisation, Delete a user — disabled, with
 * the reason read out, for a user who has already synced (the server refuses it too).
 */
export function openUsers(app) {
  const message = status();
  const content = h("div", { id: "users-content" });
  const dialog = openDialog({ title: t("users.title"), body: h("div", { class: "users" }, message, content) });

  async function load() {
    let list;
    let candidates = [];
    let candidatesError = null;
    try {
      list = await app.api.get("/api/users");
    } catch (error) {
      return say(message, explain(error), "error");
    }
    try {
      candidates = await app.api.get("/api/users/candidates");
    } catch (error) {
      candidatesError = explain(error, "users");
    }
    replace(content,
      h("p", { id: "seats", class: "seats" }, t("users.seats", list.seats)),
      addForm(list, candidates, candidatesError),
      usersTable(list.users));
  }

  function addForm(list, candidates, candidatesError) {
    const noSeats = list.seats.used >= list.seats.total;
    const reason = candidatesError ?? (noSeats ? t("users.noSeats") : !candidates.length ? t("users.noCandidates") : null);
    const pick = field({ name: "candidate", label: t("users.candidate"),
      control: h("select", { disabled: Boolean(reason) }, candidates.map((c) => h("option", { value: c.userId }, `${c.name} <${c.email}>`))) });
    const reasonId = uid("add-reason");
    const add = h("button", { type: "submit", class: "primary", disabled: Boolean(reason), "aria-describedby": reason ? reasonId : null }, t("users.addButton"));
    const form = h("form", { class: "inline-form", "aria-labelledby": "add-title" },
      h("h3", { id: "add-title" }, t("users.add")),
      h("div", { class: "row" }, pick.wrapper, add),
      reason ? h("p", { class: "hint", id: reasonId }, reason) : null);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = candidates.find((c) => c.userId === pick.control.value);
      if (!chosen) return;
      busy(add, true, t("users.addButton"));
      try {
        await app.api.post("/api/users", { userId: chosen.userId });
        say(message, t("users.added", { name: chosen.name }), "success");
        await load();
      } catch (error) {
        busy(add, false);
        say(message, explain(error, "users"), "error");
      }
    });
    return form;
  }

  function usersTable(users) {
    return h("table", { class: "table", id: "users-table" },
      h("thead", {}, h("tr", {}, ["name", "email", "role", "added", "actions"].map((c) => h("th", { scope: "col" }, t(`users.col.${c}`))))),
      h("tbody", {}, users.map((user) => {
        const reasonId = uid("keep-reason");
        const remove = h("button", {
          type: "button", class: "danger small", disabled: user.hasSynced,
          "aria-label": t("users.deleteLabel", { name: user.name }),
          "aria-describedby": user.hasSynced ? reasonId : null,
        }, t("users.delete"));
        remove.addEventListener("click", async () => {
          busy(remove, true, t("users.delete"));
          try {
            await app.api.delete(`/api/users/${encodeURIComponent(user.userId)}`);
            say(message, t("users.removed", { name: user.name }), "success");
            await load();
          } catch (error) {
            busy(remove, false);
            say(message, explain(error, "users"), "error");
          }
        });
        return h("tr", { dataset: { userId: user.userId } },
          h("td", {}, user.name),
          h("td", {}, user.email),
          h("td", {}, t(`users.role.${user.role}`)),
          h("td", {}, formatDate(user.addedAt)),
          h("td", {}, remove, user.hasSynced ? h("p", { class: "hint", id: reasonId }, t("users.hasSynced", { name: user.name })) : null));
      })));
  }

  load();
  return dialog;
}
