-- Schema "bi": stable, documented views over the read models for BI tools.
-- Recreated whole (in one transaction) whenever a read model is created or rebuilt, since
-- a rebuild drops and swaps the schemas these views read. Times are timestamptz; "day" is
-- the UTC calendar day an order was placed. Customers' names, e-mails and addresses are
-- personal data and are not exposed here.

DROP SCHEMA IF EXISTS bi CASCADE;
CREATE SCHEMA bi;
COMMENT ON SCHEMA bi IS 'Read-only views for BI tools (role oms_bi); see README "For BI users".';

CREATE VIEW bi.orders AS
SELECT o.order_id, o.external_ref, o.channel, o.status, o.customer_id, o.delivery_method,
       o.pickup_node, o.requested_date, o.total, o.authorized, o.invoiced, o.paid, o.refunded,
       o.placed_at, (o.placed_at AT TIME ZONE 'UTC')::date AS placed_day, o.updated_at,
       o.placed_units, o.placement_allocated, o.placement_backordered,
       coalesce(l.lines, 0) AS lines, coalesce(l.units, 0) AS units,
       coalesce(l.cancelled, 0) AS units_cancelled, coalesce(l.shipped, 0) AS units_shipped,
       coalesce(l.delivered, 0) AS units_delivered, coalesce(l.returned, 0) AS units_returned,
       coalesce(l.backordered, 0) AS units_backordered
FROM order_tracking.orders o
LEFT JOIN (
    SELECT order_id, count(*)::int AS lines, sum(ordered)::int AS units,
           sum(cancelled)::int AS cancelled, sum(shipped)::int AS shipped,
           sum(delivered)::int AS delivered, sum(returned)::int AS returned,
           sum(backordered)::int AS backordered
    FROM order_tracking.order_lines GROUP BY order_id
) l USING (order_id);
COMMENT ON VIEW bi.orders IS
    'One row per order. total = value of what is ordered and not cancelled; units* sum the '
    'lines; placed_units / placement_allocated / placement_backordered: units in the order as '
    'placed, and what sourcing at placement allocated or backordered.';

CREATE VIEW bi.order_lines AS
SELECT l.order_id, l.line_no, l.sku, l.unit_price, l.ordered, l.allocated, l.shipped,
       l.delivered, l.cancelled, l.returned, l.backordered, l.amount, o.channel, o.placed_at
FROM order_tracking.order_lines l JOIN order_tracking.orders o USING (order_id);
COMMENT ON VIEW bi.order_lines IS
    'One row per order line (SKU). amount = unit_price * (ordered - cancelled).';

CREATE VIEW bi.shipments AS
SELECT s.shipment_id, s.order_id, s.seq, s.node_code, s.status, s.carrier, s.tracking_number,
       s.shipment_type, s.transfer_from, s.transfer_to, coalesce(u.units, 0) AS units,
       o.channel, o.placed_at, s.allocated_at, s.picked_at,
       s.packed_at, s.ready_at, s.shipped_at, s.delivered_at, s.rejected_at, s.cancelled_at,
       round((extract(epoch FROM s.shipped_at - o.placed_at) / 3600)::numeric, 2)
           AS hours_to_ship,
       round((extract(epoch FROM s.delivered_at - o.placed_at) / 3600)::numeric, 2)
           AS hours_to_deliver,
       o.requested_date,
       CASE WHEN s.delivered_at IS NOT NULL AND o.requested_date IS NOT NULL
            THEN (s.delivered_at AT TIME ZONE 'UTC')::date <= o.requested_date END AS on_time
FROM order_tracking.shipments s
JOIN order_tracking.orders o USING (order_id)
LEFT JOIN (
    SELECT shipment_id, sum(quantity)::int AS units
    FROM order_tracking.shipment_lines GROUP BY shipment_id
) u USING (shipment_id);
COMMENT ON VIEW bi.shipments IS
    'One row per shipment. shipment_type: SHIP, PICKUP or TRANSFER (sent from transfer_from '
    'to the pickup store transfer_to; node_code is the store once it arrived, both null for '
    'other types). hours_to_ship / hours_to_deliver: from order placement; on_time: '
    'delivered on or before the order''s requested_date (UTC day), null when either is unknown.';

CREATE VIEW bi.stock_positions AS
SELECT s.node_code, n.node_type, s.sku, s.on_hand, s.reserved, s.safety_stock, s.in_transit,
       s.available, s.updated_at
FROM stock.stock_by_node s JOIN stock.nodes n ON n.code = s.node_code;
COMMENT ON VIEW bi.stock_positions IS
    'Stock of one SKU at one node now. available = max(0, on_hand - reserved - safety_stock).';

CREATE VIEW bi.returns AS
SELECT r.return_id, r.order_id, r.status, r.method, r.node_code, r.received_node,
       r.refund_amount, coalesce(l.units, 0) AS units, coalesce(l.restocked, 0) AS units_restocked,
       coalesce(l.refurbished, 0) AS units_refurbished, coalesce(l.scrapped, 0) AS units_scrapped,
       r.authorized_at, r.received_at, r.inspected_at, r.refunded_at, r.exchanged_at,
       r.closed_at, r.cancelled_at
FROM returns.returns r
LEFT JOIN (
    SELECT return_id, sum(quantity)::int AS units, sum(restock_quantity)::int AS restocked,
           sum(refurbish_quantity)::int AS refurbished, sum(scrap_quantity)::int AS scrapped
    FROM returns.return_lines GROUP BY return_id
) l USING (return_id);
COMMENT ON VIEW bi.returns IS 'One row per return (RMA), with its units by disposition.';

CREATE VIEW bi.daily_kpis AS
WITH per_order AS (
    SELECT o.placed_day AS day, o.channel, o.lines, o.units, o.total, o.status,
           o.placed_units, o.placement_allocated, o.placement_backordered,
           EXISTS (SELECT 1 FROM returns.returns r
                   WHERE r.order_id = o.order_id AND r.status <> 'CANCELLED') AS returned
    FROM bi.orders o
), per_shipment AS (
    SELECT (placed_at AT TIME ZONE 'UTC')::date AS day, channel,
           avg(extract(epoch FROM shipped_at - placed_at) / 3600) AS to_ship,
           avg(extract(epoch FROM delivered_at - placed_at) / 3600) AS to_deliver,
           avg(on_time::int) AS on_time
    FROM bi.shipments GROUP BY 1, 2
)
SELECT p.day, p.channel,
       count(*)::int AS orders,
       sum(p.lines)::int AS lines,
       sum(p.units)::int AS units,
       sum(p.total) AS revenue,
       round(sum(p.placement_allocated)::numeric / nullif(sum(p.placed_units), 0), 4)
           AS fill_rate,
       round(avg((p.placement_backordered > 0)::int), 4) AS backorder_rate,
       round(avg((p.status = 'CANCELLED')::int), 4) AS cancel_rate,
       round(max(s.to_ship)::numeric, 2) AS avg_hours_to_ship,
       round(max(s.to_deliver)::numeric, 2) AS avg_hours_to_deliver,
       round(max(s.on_time), 4) AS on_time_rate,
       round(avg(p.returned::int), 4) AS return_rate
FROM per_order p LEFT JOIN per_shipment s USING (day, channel)
GROUP BY p.day, p.channel;
COMMENT ON VIEW bi.daily_kpis IS
    'Per UTC day of placement and channel, over the orders placed that day: orders, lines, '
    'units (ordered), revenue (sum of order totals: ordered minus cancelled, at unit price), '
    'fill_rate (units allocated at placement / units placed), backorder_rate (share of orders '
    'with a unit backordered at placement), cancel_rate (share of orders CANCELLED), '
    'avg_hours_to_ship / avg_hours_to_deliver (per shipment, from placement), on_time_rate '
    '(share of delivered shipments of orders with a requested_date delivered by that UTC day), '
    'return_rate (share of orders with a return that was not cancelled).';
