// Order search: by id, external reference, customer, status, channel, placement date.
import {query} from "../client.js";
import {form, h, link, show, table, when} from "../dom.js";

const STATUSES = ["", "PLACED", "ON_HOLD", "BACKORDERED", "ALLOCATED", "PARTIALLY_SHIPPED",
  "SHIPPED", "READY_FOR_PICKUP", "DELIVERED", "CANCELLED", "CLOSED"];
const CHANNELS = ["", "WEB", "MOBILE", "CALL_CENTER", "STORE", "MARKETPLACE"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SEARCH = `query ConsoleOrders($filter: OrderFilter, $after: String) {
  orders(filter: $filter, first: 25, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id externalRef channel status total placedAt customer { id name } } }
  }
}`;

export const orderColumns = [
  {label: "Order", value: (o) => link(`#/order/${o.id}`, o.externalRef || o.id.slice(0, 8))},
  {label: "Status", value: (o) => h("span", {class: "badge"}, o.status)},
  {label: "Channel", value: (o) => o.channel},
  {label: "Customer", value: (o) => `${o.customer.name ?? ""} (${o.customer.id})`},
  {label: "Placed", value: (o) => when(o.placedAt)},
  {label: "Total", value: (o) => o.total, num: true},
];

function filterOf(params) {
  const filter = {};
  if (params.ref) filter.externalRef = params.ref;
  if (params.customer) filter.customerId = params.customer;
  if (params.status) filter.status = params.status;
  if (params.channel) filter.channel = params.channel;
  if (params.from) filter.placedFrom = new Date(params.from).toISOString();
  if (params.to) filter.placedTo = new Date(params.to).toISOString();
  return filter;
}

export async function ordersView(params) {
  if (params.id && UUID.test(params.id.trim())) {
    location.hash = `#/order/${params.id.trim()}`;
    return;
  }
  const search = form([
    {name: "id", label: "Order id", value: params.id},
    {name: "ref", label: "External ref", value: params.ref},
    {name: "customer", label: "Customer id", value: params.customer},
    {name: "status", label: "Status", options: STATUSES, value: params.status},
    {name: "channel", label: "Channel", options: CHANNELS, value: params.channel},
    {name: "from", label: "Placed from", type: "date", value: params.from},
    {name: "to", label: "Placed before", type: "date", value: params.to},
  ], "Search", (values) => {
    const kept = Object.entries(values).filter(([, v]) => v);
    location.hash = `#/orders?${new URLSearchParams(kept)}`;
  });
  const results = h("div", {id: "results"});
  show("Orders", search, results);
  const data = await query(SEARCH, {filter: filterOf(params), after: params.after || null});
  const page = data.orders;
  const rows = page.edges.map((e) => e.node);
  const more = page.pageInfo.hasNextPage
    ? link(`#/orders?${new URLSearchParams({...params, after: page.pageInfo.endCursor})}`,
           "Older orders")
    : "";
  results.replaceChildren(
    h("p", {class: "muted"}, `${page.totalCount} matching, newest first.`),
    table("Orders", orderColumns, rows, "no order matches."), more);
}
