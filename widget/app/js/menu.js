import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { openSettings } from "./screens/settings.js";
import { openPassword } from "./screens/password.js";
import { openUsers } from "./screens/users.js";
import { openDisconnect } from "./screens/disconnect.js";

/**
 * The gear menu, top right (the help page's "Paramètres" icon), as a WAI-ARIA menu button: Enter, Space or Down
 * opens it on the first item, arrows move, Escape closes and gives focus back to the button. What it lists
 * depends on the caller: Manage users for admins only, the Notes items once Notes is connected.
 */
export function renderMenu(slot, app) {
  const me = app.me;
  const entries = [
    { key: "menu.syncSettings", action: () => openSettings(app) },
    me.notes.connected && { key: "menu.changePassword", action: () => openPassword(app) },
    me.role === "admin" && { key: "menu.manageUsers", action: () => openUsers(app) },
    me.notes.connected && { key: "menu.disconnect", action: () => openDisconnect(app) },
  ].filter(Boolean);

  const button = h("button", {
    type: "button", id: "menu-button", class: "icon-button gear", "aria-haspopup": "menu", "aria-expanded": "false",
    "aria-controls": "menu-list", "aria-label": t("menu.button"), title: t("menu.button"),
  }, h("span", { "aria-hidden": "true" }, "⚙"));
  const items = entries.map((entry) => h("li", { role: "none" },
    h("button", { type: "button", role: "menuitem", tabindex: "-1", class: "menu-item", onclick: () => choose(entry) }, t(entry.key))));
  const list = h("ul", { id: "menu-list", role: "menu", "aria-labelledby": "menu-button", class: "menu-list", hidden: true }, items);
  const focusables = () => [...list.querySelectorAll('[role="menuitem"]')];

  function open(focusLast = false) {
    list.hidden = false;
    button.setAttribute("aria-expanded", "true");
    const all = focusables();
    all[focusLast ? all.length - 1 : 0]?.focus();
    document.addEventListener("click", closeOnOutsideClick, true);
  }

  function close(returnFocus = true) {
    list.hidden = true;
    button.setAttribute("aria-expanded", "false");
    document.removeEventListener("click", closeOnOutsideClick, true);
    if (returnFocus) button.focus();
  }

  function closeOnOutsideClick(event) {
    if (!slot.contains(event.target)) close(false);
  }

  function choose(entry) {
    close(false);
    entry.action();
  }

  button.addEventListener("click", () => (list.hidden ? open() : close()));
  button.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowUp");
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = focusables();
    const index = all.indexOf(document.activeElement);
    const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: all.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      all[(moves[event.key] + all.length) % all.length].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      close(false);
    }
  });

  replace(slot, button, list);
}
