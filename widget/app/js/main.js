import { Api, ApiError, explain } from "./api.js";
import { h, replace } from "./dom.js";
import { setLocale, t } from "./i18n.js";
import { renderMenu } from "./menu.js";
import * as connect from "./screens/connect.js";
import * as dashboard from "./screens/dashboard.js";
import * as meetings from "./screens/meetings.js";
import * as zoho from "./screens/zoho.js";

// The widget's entry: Zoho's SDK says the page is loaded, the extension's function hands over the token, and the
// caller's /api/me decides which screen comes first.
const screen = document.getElementById("screen");
const tabsSlot = document.getElementById("tabs");
const menuSlot = document.getElementById("menu");
const toastArea = document.getElementById("toast");
const api = new Api(document.querySelector('meta[name="notessync-api"]').content);

let leaveScreen = null;
let currentTab = "dashboard";

const app = {
  api,
  me: null,
  refresh,
  toast,
  showTab,
};

ZOHO.embeddedApp.on("PageLoad", () => start());
ZOHO.embeddedApp.init();

async function start() {
  try {
    const claims = await api.renewToken();
    setLocale(claims.locale);
    document.title = t("app.title");
    ZOHO.CRM.UI?.Resize?.({ height: "700", width: "1024" });
    await refresh();
  } catch (error) {
    showFailure(error);
  }
}

/** Reads the caller again and shows where they stand: no seat, Zoho not connected, Notes not connected, or at work. */
async function refresh() {
  try {
    app.me = await api.get("/api/me");
  } catch (error) {
    if (error instanceof ApiError && error.code === "not-licensed") return showNotLicensed();
    return showFailure(error);
  }
  const me = app.me;
  renderMenu(menuSlot, app);
  if (!me.zohoConnected) return show(zoho, { tabs: false });
  if (!me.notes.connected) return show(connect, { tabs: false });
  return showTab(currentTab);
}

function showTab(name) {
  currentTab = name;
  show(name === "meetings" ? meetings : dashboard, { tabs: true });
}

function show(module, { tabs }) {
  leaveScreen?.();
  leaveScreen = null;
  renderTabs(tabs);
  screen.replaceChildren();
  leaveScreen = module.render(screen, app) ?? null;
}

function renderTabs(visible) {
  if (!visible) {
    tabsSlot.replaceChildren();
    screen.removeAttribute("role");
    screen.removeAttribute("aria-labelledby");
    return;
  }
  const names = ["dashboard", "meetings"];
  const buttons = names.map((name) => h("button", {
    type: "button", role: "tab", id: `tab-${name}`, class: "tab",
    "aria-selected": String(name === currentTab), "aria-controls": "screen", tabindex: name === currentTab ? "0" : "-1",
    onclick: () => showTab(name),
  }, t(`tabs.${name}`)));
  const list = h("div", { role: "tablist", "aria-label": t("tabs.label"), class: "tablist" }, buttons);
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab leaves the list.
  list.addEventListener("keydown", (event) => {
    const index = names.indexOf(currentTab);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = names[(index + step + names.length) % names.length];
    showTab(next);
    document.getElementById(`tab-${next}`).focus();
  });
  replace(tabsSlot, list);
  screen.setAttribute("role", "tabpanel");
  screen.setAttribute("aria-labelledby", `tab-${currentTab}`);
}

function showNotLicensed() {
  renderTabs(false);
  menuSlot.replaceChildren();
  replace(screen, h("section", { class: "card narrow" },
    h("h2", {}, t("notLicensed.title")),
    h("p", {}, t("notLicensed.body"))));
}

function showFailure(error) {
  renderTabs(false);
  replace(screen, h("section", { class: "card narrow" },
    h("h2", {}, t("app.title")),
    h("p", { role: "alert" }, t("app.loadFailed", { reason: explain(error) })),
    h("button", { type: "button", class: "primary", onclick: () => start() }, t("app.retry"))));
}

/** A short confirmation, announced politely, that fades after a few seconds. */
function toast(text) {
  toastArea.textContent = text;
  toastArea.classList.add("visible");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => toastArea.classList.remove("visible"), 6000);
}
