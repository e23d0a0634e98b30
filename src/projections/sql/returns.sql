-- Read model "returns": one row per return and one per returned SKU.
-- Objects are created unqualified: the loader sets search_path to the target schema
-- (`returns`, or `returns__rebuild` while a rebuild runs).
-- Column types hold any history the edges accept: see src/domain/limits.py.

CREATE TABLE returns (
    return_id uuid PRIMARY KEY,
    order_id uuid NOT NULL,
    status text NOT NULL,
    method text NOT NULL,
    node_code text,
    received_node text,
    label_carrier text,
    label_tracking_number text,
    refund_amount numeric(38, 2),
    exchange_order_id uuid,
    cancel_reason text,
    authorized_at timestamptz NOT NULL,
    received_at timestamptz,
    inspected_at timestamptz,
    refunded_at timestamptz,
    exchanged_at timestamptz,
    closed_at timestamptz,
    cancelled_at timestamptz,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);
COMMENT ON TABLE returns IS
    'One row per return (RMA). node_code: the store named for an in-store return; '
    'received_node: where it was received; label_*: the mail-return label.';
CREATE INDEX returns_order_idx ON returns (order_id, authorized_at);
CREATE INDEX returns_status_idx ON returns (status, updated_at DESC);

CREATE TABLE return_lines (
    return_id uuid NOT NULL,
    sku text NOT NULL,
    line_no integer NOT NULL,
    order_id uuid NOT NULL,
    quantity integer NOT NULL,
    reason text,
    disposition text,
    restock_quantity integer NOT NULL,
    refurbish_quantity integer NOT NULL,
    scrap_quantity integer NOT NULL,
    PRIMARY KEY (return_id, sku)
);
COMMENT ON TABLE return_lines IS
    'One row per returned SKU. disposition is null until inspected, then RESTOCK, REFURBISH, '
    'SCRAP, or MIXED when units went different ways (see the *_quantity columns).';
CREATE INDEX return_lines_order_idx ON return_lines (order_id, sku);
