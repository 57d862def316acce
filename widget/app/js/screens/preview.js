import { explain } from "../api.js";
import { field, h, replace, say, status } from "../dom.js";
import { t } from "../i18n.js";

// The plan's page size (GET /api/sync/runs/{runId}/plan answers 100 actions a page).
const PAGE = 100;
const MODULES = ["contacts", "tasks", "events"];
const ACTIONS = ["createInCrm", "createInNotes", "update", "match", "conflict", "deleteInCrm", "deleteInNotes",
  "skipPrivate", "skipOutOfRange", "skipOwnedByColleague"];
// What a user most needs to check before applying: the pairs a first sync would make, and what it would delete.
const FIRST = ["match", "deleteInCrm", "deleteInNotes"];

/**
 * A finished preview's planned actions: filters by module and action, the table (matches and deletions first, then
 * the rest in the order decided), "Show more" for the next 100, and Apply, which the dashboard turns into a real run.
 */
export function previewPlan(app, run, { onApply }) {
  const message = status("error");
  const moduleFilter = field({ name: "plan-module", label: t("plan.filterModule"), control: h("select", {},
    h("option", { value: "" }, t("plan.allModules")),
    MODULES.filter((m) => run.modules?.[m]).map((m) => h("option", { value: m }, t(`dashboard.module.${m}`)))) });
  const actionFilter = field({ name: "plan-action", label: t("plan.filterAction"), control: h("select", {},
    h("option", { value: "" }, t("plan.allActions")),
    ACTIONS.map((a) => h("option", { value: a }, t(`plan.action.${a}`)))) });
  const summary = h("p", { id: "plan-summary", role: "status" });
  const rows = h("tbody", {});
  const table = h("table", { class: "table plan", id: "plan-table" },
    h("caption", {}, t("plan.caption")),
    h("thead", {}, h("tr", {}, ["module", "action", "notes", "crm", "details"].map((c) => h("th", { scope: "col" }, t(`plan.col.${c}`))))),
    rows);
  const more = h("button", { type: "button", class: "secondary", id: "plan-more", hidden: true }, t("plan.more"));
  const apply = h("button", { type: "button", class: "primary", id: "apply-preview" }, t("plan.apply"));
  apply.addEventListener("click", () => onApply(run.runId, apply));

  // Which query to read next: the first actions one by one, then everything else; a filter change starts over.
  let cursor = null;
  let generation = 0;

  async function reset() {
    const mine = ++generation;
    const action = actionFilter.control.value;
    const segments = action ? [action] : [...FIRST, null];
    cursor = { segments, segment: 0, page: 1, shown: 0, total: 0 };
    rows.replaceChildren();
    say(message, "");
    try {
      // Filtered by action, the one query's total is the view's; else the unfiltered plan's total is.
      if (!action) cursor.total = (await fetchPage(null, 1)).total;
      if (mine !== generation) return;
      await loadMore(mine);
    } catch (error) {
      if (mine === generation) say(message, explain(error, "startError"), "error");
    }
  }

  async function loadMore(mine) {
    let added = 0;
    while (added < PAGE && cursor.segment < cursor.segments.length) {
      const action = cursor.segments[cursor.segment];
      const answer = await fetchPage(action, cursor.page);
      if (mine !== generation) return;
      if (cursor.segments.length === 1) cursor.total = answer.total;
      // The unfiltered pages also hold the first actions, which are already shown above.
      const items = action === null ? answer.items.filter((i) => !FIRST.includes(i.action)) : answer.items;
      rows.append(...items.map(planRow));
      added += items.length;
      if (cursor.page * PAGE >= answer.total) {
        cursor.segment += 1;
        cursor.page = 1;
      } else {
        cursor.page += 1;
      }
    }
    cursor.shown += added;
    summary.textContent = cursor.total
      ? t("plan.showing", { shown: cursor.shown, total: cursor.total })
      : t(actionFilter.control.value || moduleFilter.control.value ? "plan.emptyFilter" : "plan.empty");
    table.hidden = cursor.total === 0;
    more.hidden = cursor.segment >= cursor.segments.length;
  }

  function fetchPage(action, page) {
    const query = new URLSearchParams({ page: String(page) });
    if (moduleFilter.control.value) query.set("module", moduleFilter.control.value);
    if (action) query.set("action", action);
    return app.api.get(`/api/sync/runs/${encodeURIComponent(run.runId)}/plan?${query}`);
  }

  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      await loadMore(generation);
    } catch (error) {
      say(message, explain(error, "startError"), "error");
    } finally {
      more.disabled = false;
    }
  });
  moduleFilter.control.addEventListener("change", reset);
  actionFilter.control.addEventListener("change", reset);
  reset();

  return h("section", { id: "preview-plan", class: "plan-section", "aria-labelledby": "plan-title" },
    h("h4", { id: "plan-title" }, t("plan.title")),
    h("p", { class: "hint" }, t("plan.intro")),
    h("div", { class: "actions plan-apply" }, apply),
    h("div", { class: "row plan-filters" }, moduleFilter.wrapper, actionFilter.wrapper),
    message, summary, table,
    h("div", { class: "actions" }, more));
}

/** One planned action in words: both records by name, and what matched, changes or wins. */
function planRow(item) {
  const name = (side) => item[side]?.name || (item[side]?.id ? t("plan.unnamed") : t("plan.none"));
  return h("tr", { dataset: { action: item.action } },
    h("td", {}, t(`dashboard.module.${item.module}`)),
    h("td", {}, t(`plan.action.${item.action}`)),
    h("td", {}, name("notes")),
    h("td", {}, name("crm")),
    h("td", {}, details(item)));
}

function details(item) {
  const value = (v) => (v === null || v === undefined || v === "" ? t("dashboard.empty") : v);
  const created = item.action === "createInCrm" || item.action === "createInNotes";
  // A creation fills every field from nothing: its values fold away; an update's or a conflict's few changes show.
  const fields = item.fields?.length
    ? h("ul", { class: "plan-fields" }, item.fields.map((f) => h("li", {}, created
      ? t("plan.value", { name: f.name, value: value(f.to) })
      : t("plan.field", { name: f.name, from: value(f.from), to: value(f.to), side: t(`dashboard.side.${f.side}`) }))))
    : null;
  return [
    item.matchedBy ? h("p", {}, t("plan.matchedBy", { key: t(`plan.key.${item.matchedBy}`) })) : null,
    created && fields ? h("details", {}, h("summary", {}, t("plan.values", { count: item.fields.length })), fields) : fields,
    item.winner ? h("p", {}, t("dashboard.winner", { side: t(`dashboard.side.${item.winner}`) })) : null,
  ];
}

/** "3 actions differ from the preview", for a run that applied one. */
export function differencesText(count) {
  if (count === 0) return t("plan.differences.none");
  return count === 1 ? t("plan.differences.one") : t("plan.differences.other", { count });
}
