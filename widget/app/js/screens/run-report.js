import { h } from "../dom.js";
import { formatDateTime, has, t } from "../i18n.js";
import { differencesText } from "./preview.js";

const MODULES = ["contacts", "tasks", "events"];

/** Created, updated and deleted over every module and both directions (the history's one-line summary). */
export function totals(modules) {
  const sum = { created: 0, updated: 0, deleted: 0 };
  for (const counts of Object.values(modules)) {
    for (const direction of [counts.toCrm, counts.toNotes]) {
      if (!direction) continue;
      sum.created += direction.created ?? 0;
      sum.updated += direction.updated ?? 0;
      sum.deleted += direction.deleted ?? 0;
    }
  }
  return sum;
}

/**
 * One finished run: its status, a failed run's error in words with what to do, how many actions differed from the
 * preview it applied, the counts (a preview's: what a run would do), conflicts, failures.
 */
export function runDetails(run) {
  const previewed = run.status === "previewed";
  return [
    h("h3", { id: "run-title" }, t(run.preview ? "dashboard.previewOf" : "dashboard.runOf", { when: formatDateTime(run.startedAt ?? run.queuedAt) })),
    h("p", { class: `run-status status-${run.status}`, id: "run-status" },
      `${t(`dashboard.status.${run.status}`)} (${t(`dashboard.trigger.${run.trigger}`)})`),
    run.error ? runError(run.error) : null,
    typeof run.differencesFromPreview === "number"
      ? h("p", { class: "notice notice-info", id: "preview-differences" }, differencesText(run.differencesFromPreview))
      : null,
    Object.keys(run.modules ?? {}).length ? countsTable(run.modules, previewed ? t("dashboard.previewCaption") : undefined) : null,
    run.conflicts?.length ? conflicts(run.conflicts) : null,
    run.failures?.length ? failures(run.failures) : null,
  ];
}

function runError(error) {
  const code = error.code?.startsWith("das-disabled") && !has(`runError.${error.code}`) ? "das-disabled-server" : error.code;
  const [what, todo] = has(`runError.${code}`)
    ? t(`runError.${code}`)
    : t("runError.other", { message: error.message, code: error.code });
  return h("div", { class: "notice notice-error", id: "run-error", dataset: { code: error.code } },
    h("p", {}, what),
    h("p", {}, h("strong", {}, `${t("dashboard.whatToDo")}: `), todo));
}

/** Per module, one row per direction with its created/updated/deleted, and the module's other counts once. */
export function countsTable(modules, caption = t("dashboard.countsCaption")) {
  const columns = ["created", "updated", "deleted", "unchanged", "skippedPrivate", "conflicts", "failed"];
  const rows = MODULES.filter((m) => modules[m]).flatMap((module) => {
    const counts = modules[module];
    const once = (name) => h("td", { rowspan: "2", class: "num", dataset: { count: name } }, String(counts[name] ?? 0));
    const direction = (key) => ["created", "updated", "deleted"].map((name) =>
      h("td", { class: "num", dataset: { count: `${key}.${name}` } }, String(counts[key]?.[name] ?? 0)));
    return [
      h("tr", { dataset: { module } },
        h("th", { scope: "rowgroup", rowspan: "2" }, t(`dashboard.module.${module}`)),
        h("td", {}, t("dashboard.toCrm")), direction("toCrm"),
        once("unchanged"), once("skippedPrivate"), once("conflicts"), once("failed")),
      h("tr", { dataset: { module } }, h("td", {}, t("dashboard.toNotes")), direction("toNotes")),
    ];
  });
  return h("table", { class: "table counts", id: "run-counts" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("dashboard.col.module")),
      h("th", { scope: "col" }, t("dashboard.col.direction")),
      columns.map((c) => h("th", { scope: "col", class: "num" }, t(`dashboard.col.${c}`))))),
    h("tbody", {}, rows));
}

function conflicts(list) {
  return h("section", { class: "conflicts", "aria-labelledby": "conflicts-title" },
    h("h4", { id: "conflicts-title" }, `${t("dashboard.conflicts")} (${list.length})`),
    h("p", { class: "hint" }, t("dashboard.conflictIntro")),
    list.map((c) => {
      const winner = c.winner === "crm" ? "crm" : "notes";
      const mark = (side) => (side === winner ? t("dashboard.kept") : t("dashboard.lost"));
      const value = (v) => (v === null || v === undefined || v === "" ? t("dashboard.empty") : v);
      return h("article", { class: "conflict", dataset: { crmId: c.crmId } },
        h("p", {}, h("strong", {}, t("dashboard.conflictOf", { module: t(`dashboard.module.${c.module}`), record: recordName(c) })),
          " — ", t("dashboard.winner", { side: t(`dashboard.side.${winner}`) })),
        h("table", { class: "table" },
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, t("dashboard.col.field")),
            h("th", { scope: "col" }, t("dashboard.col.notesValue")),
            h("th", { scope: "col" }, t("dashboard.col.crmValue")))),
          h("tbody", {}, c.fields.map((f) => h("tr", {},
            h("th", { scope: "row" }, f.name),
            h("td", { class: winner === "notes" ? "kept" : "lost" }, value(f.notesValue), h("span", { class: "tag" }, ` (${mark("notes")})`)),
            h("td", { class: winner === "crm" ? "kept" : "lost" }, value(f.crmValue), h("span", { class: "tag" }, ` (${mark("crm")})`)))))));
    }));
}

/** The record's name as the user knows it, from the version that lost (both sides share the name fields). */
function recordName(conflict) {
  const v = conflict.losingVersion ?? {};
  const name = [v.firstName, v.lastName].filter(Boolean).join(" ") || v.subject || v.title || "";
  return name ? `${name} (CRM ${conflict.crmId})` : `Notes ${conflict.notesId} ↔ CRM ${conflict.crmId}`;
}

function failures(list) {
  return h("section", { class: "failures", "aria-labelledby": "failures-title" },
    h("h4", { id: "failures-title" }, `${t("dashboard.failures")} (${list.length})`),
    h("table", { class: "table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("dashboard.col.module")),
        h("th", { scope: "col" }, t("dashboard.col.record")),
        h("th", { scope: "col" }, t("dashboard.col.reason")))),
      h("tbody", {}, list.map((f) => h("tr", {},
        h("td", {}, t(`dashboard.module.${f.module}`)),
        h("td", {}, `${t(`dashboard.side.${f.side}`)} ${f.id}`),
        h("td", {}, f.message || f.code))))));
}
