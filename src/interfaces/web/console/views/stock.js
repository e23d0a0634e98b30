// A SKU's stock across the network: per-node table and a map of the nodes, drawn here.
import {query} from "../client.js";
import {form, h, link, show, table} from "../dom.js";

const STOCK = `query ConsoleStock($sku: String!) {
  stock(sku: $sku) {
    sku onHand reserved safetyStock available inTransit nodeCount
    byChannel { channel available nodeCount }
    byNode { nodeCode nodeType onHand reserved safetyStock available inTransit
             node { name lat lon active } }
  }
  nodes { code name type lat lon active }
}`;

// Equirectangular projection of the nodes' bounding box onto a 800 x 420 canvas.
function map(sku, nodes, byNode) {
  const width = 800, height = 420, pad = 40;
  const lats = nodes.map((n) => n.lat), lons = nodes.map((n) => n.lon);
  const [south, north] = [Math.min(...lats) - 1, Math.max(...lats) + 1];
  const [west, east] = [Math.min(...lons) - 1, Math.max(...lons) + 1];
  // A degree of longitude is shorter than one of latitude away from the equator.
  const squash = Math.cos(((north + south) / 2) * Math.PI / 180);
  const scale = Math.min((width - 2 * pad) / ((east - west) * squash),
    (height - 2 * pad) / (north - south));
  const left = (width - (east - west) * squash * scale) / 2;
  const top = (height - (north - south) * scale) / 2;
  const x = (lon) => left + (lon - west) * squash * scale;
  const y = (lat) => height - top - (lat - south) * scale;
  const grid = [];
  for (let lon = Math.ceil(west / 5) * 5; lon <= east; lon += 5) {
    grid.push(h("line", {class: "grid", x1: x(lon), x2: x(lon), y1: 0, y2: height}),
      h("text", {x: x(lon) + 2, y: height - 4}, `${lon}°`));
  }
  for (let lat = Math.ceil(south / 5) * 5; lat <= north; lat += 5) {
    grid.push(h("line", {class: "grid", x1: 0, x2: width, y1: y(lat), y2: y(lat)}),
      h("text", {x: 2, y: y(lat) - 2}, `${lat}°`));
  }
  const held = new Map(byNode.map((s) => [s.nodeCode, s]));
  const most = Math.max(1, ...byNode.map((s) => s.available));
  const labelled = []; // label positions so far: a label that would overlap one is left out
  const free = (lx, ly) => !labelled.some(([ox, oy]) => Math.abs(ox - lx) < 80 && Math.abs(oy - ly) < 11);
  const dots = nodes.map((n) => {
    const s = held.get(n.code);
    const r = s ? 4 + 10 * Math.sqrt(s.available / most) : 3;
    const kind = !s ? "other" : s.available > 0 ? "stocked" : "empty";
    const label = s ? `${n.code} (${n.type}): ${s.available} available` : `${n.code} (${n.type}): no ${sku}`;
    return h("g", {}, h("circle", {cx: x(n.lon).toFixed(1), cy: y(n.lat).toFixed(1), r: r.toFixed(1),
      class: kind}, h("title", {}, label)),
    s && free(x(n.lon), y(n.lat)) && labelled.push([x(n.lon), y(n.lat)])
      ? h("text", {x: x(n.lon) + r + 2, y: y(n.lat) + 3}, `${n.code} ${s.available}`) : null);
  });
  return h("svg", {class: "map", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `Map of ${nodes.length} nodes; ${byNode.length} hold ${sku}`}, grid, dots);
}

export async function stockView(sku) {
  const search = form([{name: "sku", label: "SKU", value: sku}], "Show stock", (v) => {
    location.hash = `#/stock/${encodeURIComponent(v.sku.trim())}`;
  });
  if (!sku) {
    show("Stock", search, h("p", {}, "Enter a SKU to see its stock at every node."));
    return;
  }
  const data = await query(STOCK, {sku});
  const stock = data.stock;
  if (!stock) {
    show(`Stock of ${sku}`, search, h("p", {}, `${sku} has never been stocked.`));
    return;
  }
  const nodes = data.nodes.filter((n) => n.lat !== null);
  show(`Stock of ${sku}`, search,
    h("p", {}, `Network: ${stock.available} available of ${stock.onHand} on hand, `,
      `${stock.reserved} reserved, ${stock.safetyStock} safety stock, `,
      `${stock.inTransit} in transit, at ${stock.nodeCount} nodes.`),
    map(sku, nodes, stock.byNode),
    h("p", {class: "muted"}, "Green: available here (larger = more); white: held but none " +
      "available; grey: other nodes."),
    table(`Stock of ${sku} by node`, [
      {label: "Node", value: (s) => link(`#/queue/${s.nodeCode}`, s.nodeCode)},
      {label: "Name", value: (s) => s.node?.name},
      {label: "Type", value: (s) => s.nodeType},
      ...["onHand", "reserved", "safetyStock", "available", "inTransit"].map((k) => ({
        label: k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/^./, (c) => c.toUpperCase()),
        value: (s) => s[k], num: true})),
    ], stock.byNode),
    table("Available by sales channel", [
      {label: "Channel", value: (c) => c.channel},
      {label: "Available", value: (c) => c.available, num: true},
      {label: "Nodes", value: (c) => c.nodeCount, num: true}], stock.byChannel));
}
