import { ApiError, explain } from "../api.js";
import { busy, h, replace, say, status } from "../dom.js";
import { formatDateTime, t } from "../i18n.js";
import { openSettings } from "./settings.js";
import { previewPlan } from "./preview.js";
import { countsTable, runDetails, totals } from "./run-report.js";

const POLL_MS = 1000;
const ACTIVE = new Set(["queued", "running"]);

/**
 * The dashboard: Start sync and Preview, the running sync's progress and live counts, then what it did (or, for a
 * preview, what it would do, with Apply); the last and the next sync; the history of runs, each of which can be opened.
 */
export function render(container, app) {
  const message = status();
  const lastSync = h("dd", { id: "last-sync" });
  const nextSync = h("dd", { id: "next-sync" });
  const start = h("button", { type: "button", class: "primary", id: "start-sync" }, t("dashboard.start"));
  const preview = h("button", { type: "button", class: "secondary", id: "preview-sync" }, t("dashboard.preview"));
  const current = h("section", { id: "current-run", class: "card", "aria-live": "polite", "aria-busy": "false" });
  const history = h("section", { id: "history", class: "card", "aria-labelledby": "history-title" });

  container.append(
    h("section", { class: "card summary", "aria-labelledby": "dashboard-title" },
      h("h2", { id: "dashboard-title", class: "visually-hidden" }, t("dashboard.title")),
      h("dl", { class: "facts" },
        h("div", {}, h("dt", {}, t("dashboard.lastSync")), lastSync),
        h("div", {}, h("dt", {}, t("dashboard.nextSync")), nextSync)),
      h("div", { class: "actions" }, start, preview)),
    message,
    current,
    history);

  let timer = null;
  let left = false;
  let runs = [];
  let settings = null;

  async function load() {
    try {
      [settings, runs] = await Promise.all([app.api.get("/api/sync/settings"), app.api.get("/api/sync/runs?limit=20")]);
    } catch (error) {
      say(message, explain(error), "error");
      return;
    }
    showFacts();
    renderHistory();
    if (runs.length) await showRun(runs[0].runId);
    else replace(current, h("p", {}, t("dashboard.noRuns")));
  }

  function showFacts() {
    // A preview wrote nothing: the last sync is the last real run.
    const finished = runs.find((r) => r.finishedAt && !r.preview);
    lastSync.textContent = finished ? formatDateTime(finished.finishedAt) : t("common.never");
    nextSync.textContent = settings?.autoSyncMinutes
      ? formatDateTime(nextScheduledSync(settings.autoSyncMinutes, new Date()))
      : t("dashboard.autoOff");
  }

  async function showRun(runId) {
    clearTimeout(timer);
    let run;
    try {
      run = await app.api.get(`/api/sync/runs/${runId}`);
    } catch (error) {
      say(message, explain(error), "error");
      return;
    }
    if (left) return;
    if (ACTIVE.has(run.status)) {
      showProgress(run);
      timer = setTimeout(() => showRun(runId), POLL_MS);
      return;
    }
    current.setAttribute("aria-busy", "false");
    start.disabled = false;
    preview.disabled = false;
    replace(current, runDetails(run), run.status === "previewed" ? previewPlan(app, run, { onApply: applyPreview }) : null);
    // A run that just ended changes the history and the last sync time.
    if (runs.find((r) => r.runId === runId)?.status !== run.status) await refreshHistory();
  }

  function showProgress(run) {
    start.disabled = true;
    preview.disabled = true;
    current.setAttribute("aria-busy", "true");
    const { done, total } = run.progress;
    const bar = h("progress", {
      id: "sync-progress", max: String(Math.max(total, 1)), value: String(done), "aria-labelledby": "progress-label",
      "aria-valuetext": t("dashboard.progress", { done, total }),
    });
    replace(current,
      h("h3", { id: "progress-label" }, t(progressHeading(run))),
      bar,
      h("p", { class: "progress-text" }, t("dashboard.progress", { done, total })),
      Object.keys(run.modules ?? {}).length ? countsTable(run.modules) : null);
  }

  async function refreshHistory() {
    runs = await app.api.get("/api/sync/runs?limit=20").catch(() => runs);
    showFacts();
    renderHistory();
  }

  function renderHistory() {
    if (!runs.length) return replace(history);
    replace(history,
      h("h3", { id: "history-title" }, t("dashboard.history")),
      h("table", { class: "table" },
        h("thead", {}, h("tr", {}, ["when", "trigger", "status", "changes", "details"].map((c) => h("th", { scope: "col" }, t(`dashboard.col.${c}`))))),
        h("tbody", {}, runs.map((run) => {
          const sum = totals(run.modules ?? {});
          const when = formatDateTime(run.startedAt ?? run.queuedAt);
          return h("tr", {},
            h("td", {}, when),
            h("td", {}, t(`dashboard.trigger.${run.trigger}`)),
            h("td", {}, t(`dashboard.status.${run.status}`)),
            h("td", {}, t("dashboard.changes", sum)),
            h("td", {}, h("button", {
              type: "button", class: "link", "aria-label": `${t("dashboard.showDetails")}: ${when}`,
              onclick: () => showRun(run.runId),
            }, t("dashboard.showDetails"))));
        }))));
  }

  /** Starts a run (Start sync), a preview (Preview, body {preview: true}) or a preview's real run (Apply), then follows it. */
  async function begin(button, call) {
    say(message, "");
    busy(button, true, t("dashboard.starting"));
    try {
      const { runId } = await call();
      busy(button, false);
      await refreshHistory();
      await showRun(runId);
    } catch (error) {
      busy(button, false);
      if (error instanceof ApiError && error.code === "sync-running") {
        say(message, t("dashboard.alreadyRunning"), "info");
        await refreshHistory();
        if (runs.length) await showRun(runs[0].runId);
        return;
      }
      say(message, explain(error, "startError"), "error");
    }
  }

  const startSync = () => begin(start, () => app.api.post("/api/sync/runs"));
  const startPreview = () => begin(preview, () => app.api.post("/api/sync/runs", { preview: true }));
  function applyPreview(runId, button) {
    return begin(button, () => app.api.post(`/api/sync/runs/${encodeURIComponent(runId)}/apply`));
  }

  // As on the help page, the first Start sync goes through the Sync settings; later ones start at once. A first
  // Preview also needs the settings (what to sync, which way), but saving them only previews.
  start.addEventListener("click", () => {
    if (runs.length) startSync();
    else openSettings(app, { firstRun: true, onSaved: startSync });
  });
  preview.addEventListener("click", () => {
    if (runs.length) startPreview();
    else openSettings(app, { onSaved: startPreview });
  });

  load();
  return () => {
    left = true;
    clearTimeout(timer);
  };
}

function progressHeading(run) {
  const queued = run.status === "queued";
  if (run.preview) return queued ? "dashboard.previewQueued" : "dashboard.previewRunning";
  return queued ? "dashboard.queued" : "dashboard.running";
}

/**
 * When the host's recurring job fires next: it runs on a UTC cron grid (Infrastructure/Jobs/SyncJobs.Cron), every N
 * minutes within the hour under an hour, on whole hours up to a day, at midnight UTC for a day or more.
 */
export function nextScheduledSync(minutes, now) {
  const next = new Date(now.getTime());
  next.setUTCSeconds(0, 0);
  if (minutes < 60) {
    do next.setUTCMinutes(next.getUTCMinutes() + 1);
    while (next.getUTCMinutes() % minutes !== 0);
  } else if (minutes >= 1440) {
    next.setUTCHours(24, 0, 0, 0);
  } else {
    const hours = Math.max(1, Math.round(minutes / 60));
    next.setUTCMinutes(0);
    do next.setUTCHours(next.getUTCHours() + 1);
    while (next.getUTCHours() % hours !== 0);
  }
  return next;
}
