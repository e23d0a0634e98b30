// Backorders (orders with a line waiting for stock) and how far the read models lag.
import {query} from "../client.js";
import {h, link, show, table, when} from "../dom.js";

const BACKORDERS = `query ConsoleBackorders {
  orders(filter: {backordered: true}, first: 100) {
    totalCount
    edges { node { id externalRef status channel placedAt customer { id name }
                   lines { sku backordered } } }
  }
}`;
const PROJECTIONS = `query ConsoleProjections {
  projections { name position head lagEvents error }
}`;

export async function backordersView() {
  const data = await query(BACKORDERS);
  const rows = data.orders.edges.map((e) => e.node);
  show("Backorders",
    h("p", {class: "muted"}, `${data.orders.totalCount} orders wait for stock; the oldest is ` +
      "allocated first when stock arrives."),
    table("Orders with backordered lines", [
      {label: "Order", value: (o) => link(`#/order/${o.id}`, o.externalRef || o.id.slice(0, 8))},
      {label: "Status", value: (o) => o.status}, {label: "Channel", value: (o) => o.channel},
      {label: "Customer", value: (o) => o.customer.name},
      {label: "Placed", value: (o) => when(o.placedAt)},
      {label: "Waiting", value: (o) => h("span", {}, o.lines.filter((l) => l.backordered > 0)
        .flatMap((l, i) => [i ? ", " : "", `${l.backordered} × `,
          link(`#/stock/${encodeURIComponent(l.sku)}`, l.sku)]))}], rows, "nothing backordered."));
}

export async function projectionsView() {
  const data = await query(PROJECTIONS);
  show("Projections",
    h("p", {class: "muted"}, `Read at ${new Date().toLocaleTimeString()}; refreshes every 5 s.`),
    table("Read models", [
      {label: "Read model", value: (p) => p.name},
      {label: "Position", value: (p) => p.position, num: true},
      {label: "Log head", value: (p) => p.head, num: true},
      {label: "Lag (events)", value: (p) => p.lagEvents, num: true},
      {label: "Error", value: (p) => p.error ?? "none"}], data.projections));
}
