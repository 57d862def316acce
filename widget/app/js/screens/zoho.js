import { explain } from "../api.js";
import { h, say, status, busy } from "../dom.js";
import { has, t } from "../i18n.js";

/**
 * Before the organisation's Zoho CRM is connected: an admin gives the consent in a pop-up (api.md "Zoho CRM
 * connection"); anyone else is told to ask an admin. The consent call carries credentials so that the browser keeps
 * the notessync-zoho-consent cookie the callback then checks (README "Connecting Zoho").
 */
export function render(container, app) {
  return app.me.role === "admin" ? renderForAdmin(container, app) : renderForUser(container, app);
}

function renderForAdmin(container, app) {
  const message = status();
  const button = h("button", { type: "button", class: "primary", id: "connect-zoho" }, t("zoho.button"));
  container.append(h("section", { class: "card narrow", "aria-labelledby": "zoho-title" },
    h("h2", { id: "zoho-title" }, t("zoho.title")),
    h("p", {}, t("zoho.body")),
    button,
    message));

  const apiOrigin = new URL(app.api.baseUrl).origin;
  let poll = null;
  let popup = null;

  async function finishIfConnected() {
    const zoho = await app.api.get("/api/zoho/status").catch(() => null);
    if (zoho?.connected) {
      stop();
      app.toast(t("zoho.connected"));
      await app.refresh();
    }
  }

  // The callback page tells its opener how the consent ended, then closes itself.
  function onMessage(event) {
    if (event.origin !== apiOrigin || event.data?.type !== "notessync-zoho") return;
    if (event.data.ok) finishIfConnected();
    else {
      stop();
      const key = `zoho.failed.${event.data.code}`;
      say(message, has(key) ? t(key) : t("zoho.failed.other", { code: event.data.code }), "error");
      busy(button, false);
    }
  }

  function stop() {
    clearInterval(poll);
    poll = null;
    window.removeEventListener("message", onMessage);
  }

  button.addEventListener("click", async () => {
    // Opened before any await: browsers only allow a pop-up in direct answer to the click.
    popup = window.open("about:blank", "notessync-zoho", "popup,width=620,height=720");
    busy(button, true, t("zoho.button"));
    say(message, "");
    try {
      const { authorizeUrl } = await app.api.post("/api/zoho/connect", undefined, { credentials: "include" });
      if (!popup) {
        say(message, t("zoho.popupBlocked"), "error");
        busy(button, false);
        return;
      }
      popup.location.href = authorizeUrl;
      say(message, t("zoho.waiting"), "info");
      window.addEventListener("message", onMessage);
      // Also watch the status, in case the pop-up cannot reach its opener.
      poll = setInterval(finishIfConnected, 2000);
    } catch (error) {
      popup?.close();
      say(message, explain(error, "zoho.failed"), "error");
      busy(button, false);
    }
  });

  return stop;
}

function renderForUser(container, app) {
  const button = h("button", { type: "button", class: "secondary", onclick: () => app.refresh() }, t("zoho.checkAgain"));
  container.append(h("section", { class: "card narrow", "aria-labelledby": "zoho-title" },
    h("h2", { id: "zoho-title" }, t("zoho.userTitle")),
    h("p", {}, t("zoho.userBody")),
    button));
}
