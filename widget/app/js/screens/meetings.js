import { ApiError, explain } from "../api.js";
import { busy, field, h, replace, say, showFieldError, status, uid } from "../dom.js";
import { formatDateTime, has, t } from "../i18n.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REMINDERS = [5, 10, 15, 30, 60];

/**
 * Schedule meeting (api.md "Meetings"): subject, participants picked from the user's CRM contacts or typed as
 * addresses, location, start, end, reminder; the meeting list below with each meeting's state, and Retry for one the
 * CRM did not take yet. A server without the meetings API answers 404: the screen then says so instead of failing.
 */
export function render(container, app) {
  const participants = [];
  const listId = uid("suggestions");
  const f = {
    subject: field({ name: "subject", label: t("meetings.subject"), control: h("input", { type: "text", maxlength: "255" }) }),
    participants: field({ name: "participants", label: t("meetings.participants"), hint: t("meetings.participantsHint"),
      control: h("input", { type: "text", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId, autocomplete: "off" }) }),
    location: field({ name: "location", label: t("meetings.location"), control: h("input", { type: "text" }) }),
    start: field({ name: "start", label: t("meetings.start"), control: h("input", { type: "datetime-local" }) }),
    end: field({ name: "end", label: t("meetings.end"), control: h("input", { type: "datetime-local" }) }),
    reminderMinutes: field({ name: "reminderMinutes", label: t("meetings.reminder"), control: h("select", {},
      h("option", { value: "" }, t("meetings.reminder.none")),
      REMINDERS.map((m) => h("option", { value: String(m), defaultSelected: m === 15 }, t("meetings.reminder.minutes", { minutes: m })))) }),
  };
  const chips = h("ul", { class: "chips", "aria-label": t("meetings.chosen") });
  const suggestions = h("ul", { id: listId, role: "listbox", class: "suggestions", "aria-label": t("meetings.suggestions"), hidden: true });
  f.participants.wrapper.append(chips, suggestions);

  const message = status();
  const submit = h("button", { type: "submit", class: "primary" }, t("meetings.submit"));
  const form = h("form", { novalidate: true, class: "form grid", id: "meeting-form" },
    message, f.subject.wrapper, f.participants.wrapper, f.location.wrapper,
    h("div", { class: "row" }, f.start.wrapper, f.end.wrapper, f.reminderMinutes.wrapper),
    h("div", { class: "actions" }, submit));
  const list = h("section", { class: "card", id: "meetings-list", "aria-labelledby": "meetings-list-title" });
  container.append(h("section", { class: "card", "aria-labelledby": "meetings-title" },
    h("h2", { id: "meetings-title" }, t("meetings.title")), form), list);

  // One key per meeting being typed: pressing Schedule again after a failure (a lost answer, a refusal fixed) sends
  // the same key, so the server creates nothing twice (README "Scheduling a meeting"); a scheduled meeting's next
  // one gets a new key.
  let idempotencyKey = crypto.randomUUID();

  function renderChips() {
    replace(chips, participants.map((p, index) => h("li", { class: "chip" }, p.name ? `${p.name} <${p.email}>` : p.email,
      h("button", { type: "button", class: "icon-button", "aria-label": t("meetings.removeParticipant", { name: p.name || p.email }),
        onclick: () => { participants.splice(index, 1); renderChips(); } }, "×"))));
  }

  function addParticipant(p) {
    if (!participants.some((q) => q.email.toLowerCase() === p.email.toLowerCase())) participants.push(p);
    f.participants.control.value = "";
    closeSuggestions();
    renderChips();
  }

  function closeSuggestions() {
    suggestions.hidden = true;
    f.participants.control.setAttribute("aria-expanded", "false");
  }

  let searchTimer = null;
  f.participants.control.addEventListener("input", () => {
    clearTimeout(searchTimer);
    const text = f.participants.control.value.trim();
    if (text.length < 2 || text.includes("@")) return closeSuggestions();
    searchTimer = setTimeout(async () => {
      const found = await searchContacts(app, text);
      if (f.participants.control.value.trim() !== text) return;
      const pick = (c) => addParticipant({ email: c.email, name: c.name, crmContactId: c.id });
      replace(suggestions, found.filter((c) => c.email).map((c) => h("li", {
        role: "option", tabindex: "-1", class: "option",
        onclick: () => pick(c),
        onkeydown: (e) => optionKey(e, () => pick(c)),
      }, `${c.name} <${c.email}>`)));
      suggestions.hidden = !suggestions.children.length;
      f.participants.control.setAttribute("aria-expanded", String(!suggestions.hidden));
    }, 250);
  });
  // Up and down move between the suggestions, Enter picks one, Escape goes back to the field.
  function optionKey(event, pick) {
    const option = event.currentTarget;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick();
      f.participants.control.focus();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      option.nextElementSibling?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (option.previousElementSibling ?? f.participants.control).focus();
    } else if (event.key === "Escape") {
      closeSuggestions();
      f.participants.control.focus();
    }
  }

  f.participants.control.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !suggestions.hidden) {
      event.preventDefault();
      suggestions.firstElementChild?.focus();
    } else if (event.key === "Escape") {
      closeSuggestions();
    } else if (event.key === "Enter" || event.key === ",") {
      const text = f.participants.control.value.trim().replace(/,$/, "");
      if (!text) return;
      event.preventDefault();
      if (EMAIL.test(text)) {
        showFieldError(f.participants, null);
        addParticipant({ email: text });
      } else {
        showFieldError(f.participants, t("meetings.invalidEmail", { value: text }));
      }
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    Object.values(f).forEach((one) => showFieldError(one, null));
    say(message, "");
    const typed = f.participants.control.value.trim();
    if (typed && EMAIL.test(typed)) addParticipant({ email: typed });
    if (!participants.length) {
      showFieldError(f.participants, t("meetings.needParticipant"));
      f.participants.control.focus();
      return;
    }
    const instant = (value) => (value ? new Date(value).toISOString() : null);
    const body = {
      subject: f.subject.control.value.trim(),
      // A picked contact goes by its CRM id (the server reads its address from the CRM), a typed one by its address.
      participants: participants.map((p) => (p.crmContactId ? { crmContactId: p.crmContactId, name: p.name } : { email: p.email })),
      location: f.location.control.value.trim() || null,
      start: instant(f.start.control.value),
      end: instant(f.end.control.value),
      reminderMinutes: f.reminderMinutes.control.value ? Number(f.reminderMinutes.control.value) : null,
    };
    busy(submit, true, t("meetings.scheduling"));
    try {
      const meeting = await app.api.post("/api/meetings", body, { headers: { "Idempotency-Key": idempotencyKey } });
      busy(submit, false);
      idempotencyKey = crypto.randomUUID();
      say(message, meeting.state === "partial" ? t("meetings.partialNotice") : t("meetings.scheduled"), meeting.state === "partial" ? "error" : "success");
      form.reset();
      participants.length = 0;
      renderChips();
      await loadList();
    } catch (error) {
      busy(submit, false);
      showRefusal(error);
    }
  });

  function showRefusal(error) {
    if (error instanceof ApiError && error.status === 404) return say(message, t("meetings.unavailable"), "error");
    if (error instanceof ApiError && Object.keys(error.errors).length) {
      for (const [name, messages] of Object.entries(error.errors)) {
        // "participants[0].email" belongs beside the participants.
        const target = f[name.replace(/[[.].*$/, "")] ?? null;
        if (target) showFieldError(target, messages.join(" "));
      }
      return say(message, t("common.fixFields"), "error");
    }
    // Domino's refusals (422) read as on the connect screen; the meeting's own codes have their words here.
    say(message, explain(error, has(`meetings.${error?.code}`) ? "meetings" : "connect"), "error");
  }

  async function loadList() {
    let meetings;
    try {
      meetings = await app.api.get("/api/meetings");
    } catch (error) {
      const text = error instanceof ApiError && error.status === 404 ? t("meetings.unavailable") : explain(error);
      return replace(list, h("h3", { id: "meetings-list-title" }, t("meetings.list")), h("p", { class: "notice notice-info", id: "meetings-unavailable" }, text));
    }
    replace(list, h("h3", { id: "meetings-list-title" }, t("meetings.list")),
      meetings.length ? meetingsTable(meetings) : h("p", {}, t("meetings.none")));
  }

  function meetingsTable(meetings) {
    return h("table", { class: "table" },
      h("thead", {}, h("tr", {}, ["subject", "when", "participants", "state"].map((c) => h("th", { scope: "col" }, t(`meetings.col.${c}`))))),
      h("tbody", {}, meetings.map((m) => h("tr", {},
        h("td", {}, m.subject),
        h("td", {}, `${formatDateTime(m.start)} – ${formatDateTime(m.end)}`),
        h("td", {}, (m.participants ?? []).map((p) => p.name || p.email).join(", ")),
        h("td", { dataset: { state: m.state } }, t(`meetings.state.${m.state}`),
          m.state === "partial" && m.error ? h("p", { class: "hint" }, t("meetings.partialReason", { reason: crmFailure(m.error) })) : null,
          m.state === "partial" ? retryButton(m) : null)))));
  }

  function retryButton(meeting) {
    const button = h("button", { type: "button", class: "secondary small", "aria-label": t("meetings.retryLabel", { subject: meeting.subject }) },
      t("meetings.retry"));
    button.addEventListener("click", async () => {
      busy(button, true, t("meetings.retrying"));
      say(message, "");
      try {
        const done = await app.api.post(`/api/meetings/${encodeURIComponent(meeting.meetingId)}/retry`);
        if (done?.state === "scheduled") say(message, t("meetings.retried", { subject: meeting.subject }), "success");
        else say(message, t("meetings.stillPartial", { reason: done?.error ? crmFailure(done.error) : "" }), "error");
        await loadList();
      } catch (error) {
        busy(button, false);
        say(message, explain(error, "meetings"), "error");
      }
    });
    return button;
  }

  loadList();
}

/** Why the CRM event is missing: the widget's words for a code it knows (as a run's error), else the server's. */
function crmFailure(error) {
  return has(`runError.${error.code}`) ? t(`runError.${error.code}`)[0] : error.message || error.code;
}

/**
 * The user's own CRM contacts whose name or e-mail contains the text, 20 at most (GET /api/crm/contacts): only
 * their own, as the server checks again when the meeting is scheduled. A refused search suggests nothing; the user
 * can still type an address.
 */
async function searchContacts(app, text) {
  try {
    return (await app.api.get(`/api/crm/contacts?search=${encodeURIComponent(text)}`)) ?? [];
  } catch {
    return [];
  }
}
