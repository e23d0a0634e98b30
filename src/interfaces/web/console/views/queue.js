// A node's work queue: shipments to pick, pack, ship or hand over, with the commands.
import {command, query} from "../client.js";
import {form, h, link, say, show, table, when} from "../dom.js";

const QUEUE = `query ConsoleQueue($node: String!) {
  node(code: $node) { code name type }
  shipments(nodeCode: $node, status: [ALLOCATED, PICKED, PACKED, READY_FOR_PICKUP], first: 100) {
    id orderId seq status allocatedAt lines { sku quantity }
  }
  nodes { code }
}`;

// What may come next for a shipment in each status: [label, step, needs a carrier?]
const NEXT = {
  ALLOCATED: [["Pick", "pick"]],
  PICKED: [["Pack", "pack"], ["Ready for pickup", "ready-for-pickup"]],
  PACKED: [["Ship", "ship", true]],
  READY_FOR_PICKUP: [["Collected", "collect"]],
};

function actions(s, node) {
  const carrier = h("input", {"aria-label": `Carrier for shipment ${s.id}`, value: "UPS", size: 6});
  const buttons = NEXT[s.status].map(([label, step, shipping]) => h("button", {
    type: "button", "data-step": step, "data-shipment": s.id,
    "aria-label": `${label} shipment ${s.seq} of order ${s.orderId}`,
    onclick: async (event) => {
      event.target.disabled = true;
      try {
        const body = shipping ? {carrier: carrier.value || "UPS"} : undefined;
        await command(`/orders/${s.orderId}/shipments/${s.id}/${step}`, body);
        say(`${label}: done for shipment ${s.seq} of order ${s.orderId.slice(0, 8)}.`);
        await queueView(node);
      } catch (error) {
        say(error.message, true);
        event.target.disabled = false;
      }
    }}, label));
  return h("div", {class: "actions"}, NEXT[s.status].some((n) => n[2]) ? carrier : null, buttons);
}

export async function queueView(node) {
  const pick = form([{name: "node", label: "Node code", value: node}], "Show queue", (v) => {
    location.hash = `#/queue/${encodeURIComponent(v.node.trim())}`;
  });
  if (!node) {
    const data = await query("query ConsoleNodes { nodes { code name type } }");
    show("Work queue", pick, table("Nodes", [
      {label: "Node", value: (n) => link(`#/queue/${n.code}`, n.code)},
      {label: "Name", value: (n) => n.name}, {label: "Type", value: (n) => n.type}], data.nodes));
    return;
  }
  const data = await query(QUEUE, {node});
  if (!data.node) {
    show(`Work queue of ${node}`, pick, h("p", {}, `There is no node ${node}.`));
    return;
  }
  const groups = Object.keys(NEXT).map((status) => {
    const rows = data.shipments.filter((s) => s.status === status);
    return table(`${status.replaceAll("_", " ").toLowerCase()} (${rows.length})`, [
      {label: "Order", value: (s) => link(`#/order/${s.orderId}`, s.orderId.slice(0, 8))},
      {label: "Shipment", value: (s) => `#${s.seq}`},
      {label: "Allocated", value: (s) => when(s.allocatedAt)},
      {label: "Lines", value: (s) => s.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ")},
      {label: "Next step", value: (s) => actions(s, node)}], rows, "nothing waiting.");
  });
  show(`Work queue of ${data.node.code} (${data.node.name})`, pick,
    h("p", {class: "muted"}, "Oldest allocation first; each button sends the REST command."),
    groups);
}
