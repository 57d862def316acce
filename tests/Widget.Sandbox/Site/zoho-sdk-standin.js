// The sandbox's stand-in for Zoho's embedded-app SDK (ZohoEmbededAppSDK.min.js, zoho.md §6): the same calls the widget
// makes, answered by the sandbox instead of the CRM page around the widget. Which CRM user is signed in, and in which
// locale, comes from the page's address (?sandboxUser=…&locale=…), which the sandbox's CRM page sets.
(function () {
  "use strict";
  const query = new URLSearchParams(window.location.search);
  const userId = query.get("sandboxUser");
  const localeOverride = query.get("locale");
  const handlers = {};
  let context = null;

  async function loadContext() {
    if (context) return context;
    const answer = await fetch("/sandbox/users").then((r) => r.json());
    const user = answer.users.find((u) => u.id === userId) || answer.users[0];
    context = { org: answer, user: { ...user, locale: localeOverride || user.locale } };
    return context;
  }

  function crmUser(user) {
    return {
      id: user.id, full_name: user.name, email: user.email, locale: user.locale, time_zone: "Europe/Paris",
      role: { name: user.role === "admin" ? "CEO" : "Manager" }, profile: { name: user.role === "admin" ? "Administrator" : "Standard" },
    };
  }

  window.ZOHO = {
    embeddedApp: {
      on(event, handler) {
        (handlers[event] = handlers[event] || []).push(handler);
      },
      async init() {
        await loadContext();
        // Zoho fires PageLoad once the CRM page has handed the widget its context.
        setTimeout(() => (handlers.PageLoad || []).forEach((h) => h({ Entity: "IBM Notes Sync", EntityId: null })), 0);
        return true;
      },
    },
    CRM: {
      CONFIG: {
        async getCurrentUser() {
          const { user } = await loadContext();
          return { users: [crmUser(user)] };
        },
        async getOrgInfo() {
          const { org } = await loadContext();
          return { org: [{ id: org.orgId, company_name: org.orgName }] };
        },
      },
      FUNCTIONS: {
        async execute(name, parameters) {
          const { user } = await loadContext();
          const response = await fetch(`/sandbox/functions/${encodeURIComponent(name)}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ user: user.id, locale: user.locale, arguments: parameters && parameters.arguments }),
          });
          return response.json();
        },
      },
      API: {
        async searchRecord() {
          return { data: [] };
        },
      },
      UI: {
        async Resize() {
          return true;
        },
      },
    },
  };
})();
