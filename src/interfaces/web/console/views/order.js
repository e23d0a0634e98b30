// One order: lines, shipments with tracking (and scans where the server has them),
// holds, payments, returns, sourcing, timeline, documents; updated live.
import {openWithKey, query, subscribe} from "../client.js";
import {facts, h, link, say, show, table, when} from "../dom.js";
import {optional} from "../selection.js";

async function selection() {
  const scans = await optional("Shipment", "scans");
  const sourcing = await optional("Order", "sourcing", 2);
  return `id externalRef channel status version total authorizedAmount invoicedAmount
    paidAmount refundedAmount placedAt updatedAt requestedDate
    customer { id name email } holds { type reason }
    delivery { method pickupNode address { line1 city postalCode country } }
    lines { sku quantity unitPrice allocated shipped delivered cancelled returned backordered amount }
    shipments { id seq nodeCode status carrier trackingNumber documents allocatedAt shippedAt
                deliveredAt rejectReason lines { sku quantity } ${scans} }
    timeline { at type detail status version }
    returns { id status method refundAmount authorizedAt lines { sku quantity reason disposition } }
    ${sourcing}`;
}

// A document link; with an API key set, the document is fetched with it and shown.
function docLink(order, kind, params, text) {
  const search = new URLSearchParams(params);
  const base = `/orders/${order.id}/documents/${kind}`;
  const html = `${base}${search.size ? `?${search}` : ""}`;
  search.set("format", "pdf");
  const pdf = `${base}?${search}`;
  const a = (href, label) => h("a", {href, target: "_blank", onclick: openWithKey}, label);
  return h("span", {}, a(html, text), " (", a(pdf, "PDF"), ")");
}

function documents(order) {
  const items = [docLink(order, "acknowledgement", {}, "Order acknowledgement")];
  for (const node of new Set(order.shipments.map((s) => s.nodeCode))) {
    items.push(docLink(order, "pick-list", {node}, `Pick list ${node}`));
  }
  for (const s of order.shipments) {
    items.push(docLink(order, "packing-slip", {shipment: s.id}, `Packing slip #${s.seq}`));
  }
  if (Number(order.invoicedAmount) > 0) items.push(docLink(order, "invoice", {}, "Invoice"));
  for (const r of order.returns.filter((x) => x.refundAmount)) {
    items.push(docLink(order, "credit-memo", {return: r.id}, `Credit memo ${r.id.slice(0, 8)}`));
  }
  return h("ul", {class: "documents"}, items.map((i) => h("li", {}, i)));
}

// A value of a field the console only knows from introspection, as text.
function plain(value) {
  if (Array.isArray(value)) return value.map(plain).join(", ");
  if (value && typeof value === "object") return Object.values(value).map(plain).join(" ");
  return value === null || value === undefined ? "" : String(value);
}

function shipmentSection(s) {
  const scans = s.scans?.length ? table(`Carrier scans of shipment #${s.seq}`,
    Object.keys(s.scans[0]).map((k) => ({label: k, value: (x) => plain(x[k])})),
    s.scans) : null;
  return [h("h3", {}, `Shipment #${s.seq} from `, link(`#/queue/${s.nodeCode}`, s.nodeCode)),
    facts([["Status", s.status], ["Carrier", s.carrier], ["Tracking number", s.trackingNumber],
      ["Allocated", when(s.allocatedAt)], ["Shipped", when(s.shippedAt)],
      ["Delivered", when(s.deliveredAt)], ["Rejected because", s.rejectReason]]),
    table(`Lines of shipment #${s.seq}`, [
      {label: "SKU", value: (l) => link(`#/stock/${encodeURIComponent(l.sku)}`, l.sku)},
      {label: "Quantity", value: (l) => l.quantity, num: true}], s.lines),
    scans];
}

function sourcingSection(order) {
  if (!order.sourcing) return null;
  const rows = (Array.isArray(order.sourcing) ? order.sourcing : [order.sourcing]);
  return [h("h2", {}, "Sourcing"), rows.map((decision, i) => h("div", {},
    facts(Object.entries(decision).filter(([, v]) => !Array.isArray(v) || typeof v[0] !== "object")
      .map(([k, v]) => [k, plain(v)])),
    Object.entries(decision).filter(([, v]) => Array.isArray(v) && typeof v[0] === "object")
      .map(([k, v]) => table(`Decision ${i + 1}: ${k}`,
        Object.keys(v[0]).map((c) => ({label: c, value: (x) => plain(x[c])})), v))))];
}

function render(order, liveState) {
  const address = order.delivery.address;
  show(`Order ${order.externalRef || order.id}`,
    h("p", {}, h("span", {class: "badge", id: "order-status"}, order.status), " ",
      h("span", {id: "live", class: liveState === "live" ? "live" : "muted"},
        liveState === "live" ? "● live" : "not live"), " · version ", order.version),
    h("div", {class: "columns"},
      h("section", {}, h("h2", {}, "Order"), facts([
        ["Id", order.id], ["Channel", order.channel],
        ["Customer", `${order.customer.name ?? ""} <${order.customer.email ?? ""}> (${order.customer.id})`],
        ["Delivery", order.delivery.method === "PICKUP"
          ? `pickup at ${order.delivery.pickupNode}`
          : `${address.line1}, ${address.postalCode} ${address.city}, ${address.country}`],
        ["Placed", when(order.placedAt)], ["Updated", when(order.updatedAt)],
        ["Requested date", order.requestedDate]])),
      h("section", {}, h("h2", {}, "Payments"), facts([
        ["Total", order.total], ["Authorised", order.authorizedAmount],
        ["Invoiced", order.invoicedAmount], ["Paid", order.paidAmount],
        ["Refunded", order.refundedAmount]])),
      h("section", {}, h("h2", {}, "Documents"), documents(order))),
    h("h2", {}, "Holds"),
    table("Holds", [{label: "Type", value: (x) => x.type}, {label: "Reason", value: (x) => x.reason}],
      order.holds, "no hold."),
    h("h2", {}, "Lines"),
    table("Lines", [
      {label: "SKU", value: (l) => link(`#/stock/${encodeURIComponent(l.sku)}`, l.sku)},
      ...["quantity", "allocated", "shipped", "delivered", "cancelled", "returned", "backordered"]
        .map((k) => ({label: k[0].toUpperCase() + k.slice(1), value: (l) => l[k], num: true})),
      {label: "Unit price", value: (l) => l.unitPrice, num: true},
      {label: "Amount", value: (l) => l.amount, num: true}], order.lines),
    h("h2", {}, "Shipments"),
    order.shipments.length ? order.shipments.flatMap(shipmentSection)
      : h("p", {class: "muted"}, "No shipment."),
    sourcingSection(order),
    h("h2", {}, "Returns"),
    table("Returns", [
      {label: "Return", value: (r) => r.id.slice(0, 8)}, {label: "Status", value: (r) => r.status},
      {label: "Method", value: (r) => r.method},
      {label: "Lines", value: (r) => r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ")},
      {label: "Refund", value: (r) => r.refundAmount, num: true}], order.returns, "no return."),
    h("h2", {}, "Timeline"),
    table("Timeline", [
      {label: "When", value: (t) => when(t.at)}, {label: "Event", value: (t) => t.type},
      {label: "Detail", value: (t) => t.detail}, {label: "Status after", value: (t) => t.status}],
    order.timeline));
}

let stop = null;
export function leaveOrder() {
  if (stop) stop();
  stop = null;
}

export async function orderView(id) {
  const fields = await selection();
  const data = await query(`query ConsoleOrder($id: ID!) { order(id: $id) { ${fields} } }`, {id});
  if (!data.order) {
    show("Order not found", h("p", {}, `No order has the id ${id}.`));
    return;
  }
  let latest = data.order;
  let state = "connecting";
  render(latest, state);
  stop = subscribe(`subscription ConsoleOrderUpdates($id: ID!) { orderUpdates(id: $id) { ${fields} } }`,
    {id}, (update) => {
      if (update.orderUpdates.version < latest.version) return;
      const changed = update.orderUpdates.version > latest.version;
      latest = update.orderUpdates;
      render(latest, state);
      if (changed) say(`Order updated: ${latest.status} (version ${latest.version}).`);
    }, (next) => {
      state = next;
      const el = document.getElementById("live");
      if (el) {
        el.textContent = next === "live" ? "● live" : "not live";
        el.className = next === "live" ? "live" : "muted";
      }
    });
}
