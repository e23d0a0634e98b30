// The console's router: #/orders, #/order/ID, #/stock/SKU, #/queue/NODE, #/backorders,
// #/projections. Each view reads GraphQL and writes through the REST commands.
import {apiKey, Problem} from "./client.js";
import {say} from "./dom.js";
import {leaveOrder, orderView} from "./views/order.js";
import {ordersView} from "./views/orders.js";
import {queueView} from "./views/queue.js";
import {stockView} from "./views/stock.js";
import {backordersView, projectionsView} from "./views/status.js";

let refresh = null;

function route() {
  const [path, search] = (location.hash.slice(1) || "/orders").split("?");
  const [, section, arg] = path.split("/");
  const value = arg ? decodeURIComponent(arg) : "";
  const params = Object.fromEntries(new URLSearchParams(search || ""));
  const views = {
    orders: () => ordersView(params),
    order: () => orderView(value),
    stock: () => stockView(value),
    queue: () => queueView(value),
    backorders: () => backordersView(),
    projections: () => projectionsView(),
  };
  for (const a of document.querySelectorAll("nav a")) {
    const current = a.getAttribute("href").slice(2) === (section === "order" ? "orders" : section);
    if (current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  return [section, views[section] ?? views.orders];
}

async function navigate() {
  leaveOrder();
  clearInterval(refresh);
  say("");
  const [section, view] = route();
  try {
    await view();
    if (section === "projections") refresh = setInterval(() => view().catch(fail), 5000);
  } catch (error) {
    fail(error);
  }
}

function fail(error) {
  say(error instanceof Problem ? error.message : `Failed: ${error.message}`, true);
}

function keyForm() {
  const input = document.getElementById("api-key");
  const state = document.getElementById("key-state");
  const note = () => { state.textContent = apiKey.get() ? "key set for this tab" : ""; };
  input.value = apiKey.get();
  note();
  document.getElementById("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    apiKey.set(input.value.trim());
    note();
    navigate();
  });
}

async function health() {
  const el = document.getElementById("health");
  try {
    const response = await fetch("/health", {cache: "no-store"});
    el.textContent = response.ok ? "service up" : `service down (${response.status})`;
  } catch {
    el.textContent = "service unreachable";
  }
}

keyForm();
health();
window.addEventListener("hashchange", navigate);
navigate();
