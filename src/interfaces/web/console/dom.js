// Building the page from data: elements with text content only (no HTML strings).

export function h(tag, attrs = {}, ...children) {
  const svg = ["svg", "circle", "line", "text", "title", "g", "rect"].includes(tag);
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag)
                 : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// A table: columns [{label, value(row) -> text|Node, num?}], rows, a caption.
export function table(caption, columns, rows, empty = "None.") {
  if (!rows.length) return h("p", {class: "muted"}, `${caption}: ${empty}`);
  return h("table", {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map((c) =>
      h("th", {scope: "col", class: c.num ? "num" : null}, c.label)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c) =>
      h("td", {class: c.num ? "num" : null}, c.value(row) ?? "—"))))));
}

export function facts(pairs) {
  return h("dl", {class: "facts"},
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : null;
}

export function link(href, text) {
  return h("a", {href}, text);
}

export function say(text, error = false) {
  const el = document.getElementById("status");
  el.textContent = text;
  el.className = error ? "error" : "";
}

// Replace the main region with a view and move focus to its heading.
export function show(title, ...content) {
  const main = document.getElementById("main");
  const heading = h("h1", {tabindex: "-1"}, title);
  const parts = content.flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false);
  main.replaceChildren(heading, ...parts);
  const full = `${title} · OMS console`;
  // A live re-render of the same page keeps the reader's place; a new page takes focus.
  if (document.title !== full) heading.focus();
  document.title = full;
}

// A search form: fields [{name, label, type?, options?, value?}]; submit(values).
export function form(fields, submitLabel, submit) {
  const inputs = fields.map((f) => {
    const id = `f-${f.name}`;
    const control = f.options
      ? h("select", {id, name: f.name}, f.options.map((o) =>
          h("option", {value: o, selected: o === (f.value ?? "")}, o || "any")))
      : h("input", {id, name: f.name, type: f.type || "text", value: f.value ?? ""});
    return h("label", {for: id}, f.label, control);
  });
  const el = h("form", {class: "search"}, inputs, h("button", {type: "submit"}, submitLabel));
  el.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(Object.fromEntries(new FormData(el).entries()));
  });
  return el;
}
