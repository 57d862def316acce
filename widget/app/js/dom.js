import { t } from "./i18n.js";

// Small DOM helpers: elements are built, never parsed from strings, so no server text can inject markup.

let nextId = 0;
export const uid = (prefix) => `${prefix}-${++nextId}`;

/** h("button", {type: "button", onclick}, "Save") */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name in element && typeof value !== "string") element[name] = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A message area that screen readers announce when its text changes. */
export function status(kind = "info") {
  return h("div", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status", hidden: true });
}

export function say(area, text, kind) {
  if (kind) area.className = `notice notice-${kind}`;
  if (!text) {
    area.hidden = true;
    area.replaceChildren();
    return;
  }
  area.hidden = false;
  replace(area, ...(Array.isArray(text) ? text.map((line) => h("p", {}, line)) : [text]));
}

/**
 * A labelled form field with its hint and its error slot; the error is tied to the control by aria-describedby and
 * aria-invalid so a screen reader reads it with the field.
 */
export function field({ name, label, control, hint }) {
  const id = uid(name);
  control.id = id;
  control.name = name;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const errorEl = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  const describedBy = [hintEl ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  control.setAttribute("aria-describedby", describedBy);
  const isCheck = control.type === "checkbox";
  const labelEl = h("label", { for: id }, label);
  const wrapper = h("div", { class: `field${isCheck ? " field-check" : ""}`, dataset: { field: name } },
    isCheck ? [control, labelEl] : [labelEl, control], hintEl, errorEl);
  return { wrapper, control, error: errorEl };
}

export function showFieldError(f, message) {
  f.error.hidden = !message;
  f.error.textContent = message ?? "";
  if (message) f.control.setAttribute("aria-invalid", "true");
  else f.control.removeAttribute("aria-invalid");
}

/** A modal dialog (native <dialog>: focus kept inside, Escape closes); removed from the page when closed. */
export function openDialog({ title, body, onClose }) {
  const titleId = uid("dialog-title");
  const closeButton = h("button", { type: "button", class: "icon-button dialog-close", "aria-label": t("common.close") }, "×");
  const dialog = h("dialog", { class: "dialog", "aria-labelledby": titleId },
    h("div", { class: "dialog-head" }, h("h2", { id: titleId }, title), closeButton),
    body);
  closeButton.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

export function busy(button, isBusy, busyText) {
  if (isBusy) {
    button.dataset.idleText = button.textContent;
    button.textContent = busyText;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
  } else {
    button.textContent = button.dataset.idleText ?? button.textContent;
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}
