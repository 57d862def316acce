import en from "./strings/en.js";
import fr from "./strings/fr.js";

// The token's locale picks the language (api.md); anything that is not French is English.
const languages = { en, fr };
let current = en;
let currentLocale = "en";

export function setLocale(locale) {
  const language = String(locale || "en").toLowerCase().startsWith("fr") ? "fr" : "en";
  current = languages[language];
  currentLocale = language === "fr" ? "fr-FR" : "en-GB";
  document.documentElement.lang = language;
}

export function locale() {
  return currentLocale;
}

/** The text of a key with its {placeholders} filled; an array entry (error explanations) gives its lines. */
export function t(key, params = {}) {
  const text = current[key] ?? en[key];
  if (text === undefined) return key;
  const fill = (s) => s.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`).toString());
  return Array.isArray(text) ? text.map(fill) : fill(text);
}

export function has(key) {
  return key in current || key in en;
}

export function formatDateTime(value) {
  if (!value) return t("common.never");
  return new Intl.DateTimeFormat(currentLocale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

export function formatDate(value) {
  return value ? new Intl.DateTimeFormat(currentLocale, { dateStyle: "medium" }).format(new Date(value)) : "";
}
