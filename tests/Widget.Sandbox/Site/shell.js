// The sandbox's CRM page: chooses who is signed in and in which language, and shows the widget in a tab-sized frame.
(async function () {
  "use strict";
  const answer = await fetch("/sandbox/users").then((r) => r.json());
  const userSelect = document.getElementById("user");
  const localeSelect = document.getElementById("locale");
  const frame = document.getElementById("widget");
  document.getElementById("org").textContent = answer.orgName;
  for (const user of answer.users) {
    const option = document.createElement("option");
    option.value = user.id;
    option.textContent = `${user.name} (${user.role})`;
    userSelect.append(option);
  }
  const params = new URLSearchParams(window.location.search);
  if (params.get("domino")) document.getElementById("domino").textContent = params.get("domino");
  function load() {
    const locale = localeSelect.value ? `&locale=${encodeURIComponent(localeSelect.value)}` : "";
    frame.src = `/app/index.html?sandboxUser=${encodeURIComponent(userSelect.value)}${locale}`;
  }
  userSelect.addEventListener("change", load);
  localeSelect.addEventListener("change", load);
  load();
})();
