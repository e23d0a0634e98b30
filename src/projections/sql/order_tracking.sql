-- Read model "order_tracking": one row per order, its lines, shipments and timeline.
-- Objects are created unqualified: the loader sets search_path to the target schema
-- (`order_tracking`, or `order_tracking__rebuild` while a rebuild runs).
-- Column types hold any history the edges accept: see src/domain/limits.py.

CREATE TABLE orders (
    order_id uuid PRIMARY KEY,
    external_ref text,
    channel text NOT NULL,
    status text NOT NULL,
    customer_id text NOT NULL,
    customer_name text,
    customer_email text,
    customer_phone text,
    delivery_method text NOT NULL,
    delivery jsonb NOT NULL,
    pickup_node text,
    requested_date date,
    holds jsonb NOT NULL,
    hold_rules jsonb NOT NULL,
    total numeric(38, 2) NOT NULL,
    authorized numeric(38, 2) NOT NULL,
    invoiced numeric(38, 2) NOT NULL,
    paid numeric(38, 2) NOT NULL,
    refunded numeric(38, 2) NOT NULL,
    recorded_returns jsonb NOT NULL,
    placed_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL,
    placed_units integer NOT NULL,
    placement_allocated integer NOT NULL,
    placement_backordered integer NOT NULL
);
COMMENT ON TABLE orders IS
    'One row per order. status as the Order aggregate derives it; holds {type: reason}; '
    'hold_rules {type: {rule, rules_version}} for the holds a hold rule placed; '
    'delivery {method, address?, pickup_node?}; total = sum(unit_price * (ordered - cancelled)); '
    'recorded_returns {return_id: {sku: quantity}} for returns not withdrawn; '
    'version = aggregate version of the last event applied; placed_units = units in the '
    'order as placed; placement_allocated / placement_backordered = units the sourcing at '
    'placement allocated / backordered (for fill and backorder rates at placement).';
CREATE INDEX orders_placed_at_idx ON orders (placed_at DESC, order_id DESC);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, order_id DESC);
CREATE INDEX orders_status_idx ON orders (status, placed_at DESC, order_id DESC);
CREATE INDEX orders_channel_idx ON orders (channel, placed_at DESC, order_id DESC);
CREATE INDEX orders_external_ref_idx ON orders (external_ref) WHERE external_ref IS NOT NULL;

CREATE TABLE order_lines (
    order_id uuid NOT NULL,
    sku text NOT NULL,
    line_no bigint NOT NULL,
    unit_price numeric(38, 2) NOT NULL,
    ordered integer NOT NULL,
    allocated integer NOT NULL,
    shipped integer NOT NULL,
    delivered integer NOT NULL,
    cancelled integer NOT NULL,
    returned integer NOT NULL,
    backordered integer NOT NULL,
    amount numeric(38, 2) NOT NULL,
    kit jsonb,
    PRIMARY KEY (order_id, sku)
);
COMMENT ON TABLE order_lines IS
    'One row per order line (line_no in placement order). ordered includes later increases; '
    'allocated = in live shipments (allocated, picked, packed, ready, shipped, delivered); '
    'shipped = in shipped or delivered shipments; delivered = in delivered shipments; '
    'amount = unit_price * (ordered - cancelled). A kit line counts whole kits (allocated: '
    'kits whose every unit is in live shipments, and so on) and has kit {ship_together, '
    'components: [{sku, per_kit, allocated, shipped, delivered}]} (units of each component); '
    'kit is null for a plain line.';
CREATE INDEX order_lines_sku_idx ON order_lines (sku, order_id);

CREATE TABLE shipments (
    shipment_id uuid PRIMARY KEY,
    order_id uuid NOT NULL,
    seq bigint NOT NULL,
    node_code text NOT NULL,
    shipment_type text NOT NULL,
    transfer_from text,
    transfer_to text,
    preorder boolean NOT NULL,
    promised_date date,
    awaiting_stock text[] NOT NULL,
    status text NOT NULL,
    carrier text,
    tracking_number text,
    documents jsonb NOT NULL,
    reject_reason text,
    allocated_at timestamptz NOT NULL,
    picked_at timestamptz,
    packed_at timestamptz,
    ready_at timestamptz,
    shipped_at timestamptz,
    delivered_at timestamptz,
    rejected_at timestamptz,
    cancelled_at timestamptz,
    updated_at timestamptz NOT NULL
);
COMMENT ON TABLE shipments IS
    'One row per shipment (seq = 1, 2, ... within its order). shipment_type SHIP, PICKUP or '
    'TRANSFER: sent from transfer_from to the pickup store transfer_to (node_code is the '
    'store once it arrived there). preorder: allocated on supply '
    'in transit to its node, promised for promised_date (null: no date known), and not '
    'pickable while awaiting_stock names a SKU whose supply has not arrived. documents '
    '{pick_list, packing_slip, shipping_label}: document numbers; *_at: when each step '
    'happened.';
CREATE INDEX shipments_order_idx ON shipments (order_id, seq);
CREATE INDEX shipments_node_idx ON shipments (node_code, status);

CREATE TABLE shipment_lines (
    shipment_id uuid NOT NULL,
    sku text NOT NULL,
    order_id uuid NOT NULL,
    quantity integer NOT NULL,
    PRIMARY KEY (shipment_id, sku)
);
COMMENT ON TABLE shipment_lines IS
    'What a shipment carries now; a line cancelled to zero is removed, as in the aggregate.';
CREATE INDEX shipment_lines_order_idx ON shipment_lines (order_id);

CREATE TABLE shipment_scans (
    order_id uuid NOT NULL,
    version bigint NOT NULL,
    shipment_id uuid NOT NULL,
    code text NOT NULL,
    at timestamptz NOT NULL,
    location text,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, version)
);
COMMENT ON TABLE shipment_scans IS
    'One row per carrier scan (IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION) of a '
    'shipment: at = the carrier''s time of the scan, location as the carrier gave it, '
    'recorded_at = when the OMS recorded it; version = the order''s version of the scan.';
CREATE INDEX shipment_scans_shipment_idx ON shipment_scans (shipment_id, at, version);

CREATE TABLE order_timeline (
    order_id uuid NOT NULL,
    version bigint NOT NULL,
    position bigint NOT NULL,
    at timestamptz NOT NULL,
    type text NOT NULL,
    detail text NOT NULL,
    status text NOT NULL,
    PRIMARY KEY (order_id, version)
);
COMMENT ON TABLE order_timeline IS
    'One row per order event (aggregate version, log position, event time, event type such '
    'as Allocated, human-readable detail, the order''s status after the event), oldest '
    'first by version.';

CREATE TABLE order_sourcing (
    order_id uuid NOT NULL,
    version integer NOT NULL,
    position bigint NOT NULL,
    at timestamptz NOT NULL,
    rules_version integer NOT NULL,
    trigger text NOT NULL,
    rule text NOT NULL,
    reason text NOT NULL,
    chosen text[] NOT NULL,
    explanation jsonb NOT NULL,
    PRIMARY KEY (order_id, version)
);
COMMENT ON TABLE order_sourcing IS
    'One row per sourcing decision (Allocated event) of an order: the sourcing rules version '
    'that decided, the trigger (PLACED, REJECTED, CHANGED, RESTOCKED), the engine''s rule '
    '(single-node, split, partial, backorder), the nodes chosen, and explanation {candidates: '
    '[{node, node_type, distance_km, score, available {sku: qty}, excluded_by}], score}.';

CREATE TABLE invoices (
    invoice_number text PRIMARY KEY,
    order_id uuid NOT NULL,
    shipment_id uuid NOT NULL,
    amount numeric(12, 2) NOT NULL,
    issued_at timestamptz NOT NULL
);
COMMENT ON TABLE invoices IS
    'One row per invoice issued (one per shipment, when it ships): its number and amount.';
CREATE INDEX invoices_order_idx ON invoices (order_id, issued_at);

CREATE TABLE credit_memos (
    memo_number text PRIMARY KEY,
    order_id uuid NOT NULL,
    return_id uuid NOT NULL,
    amount numeric(12, 2) NOT NULL,
    issued_at timestamptz NOT NULL
);
COMMENT ON TABLE credit_memos IS
    'One row per credit memo issued (a refund on a return): its number and amount.';
CREATE INDEX credit_memos_order_idx ON credit_memos (order_id, issued_at);
