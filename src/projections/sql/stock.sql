-- Read model "stock": node master data and stock per node, per SKU and per channel.
-- Objects are created unqualified: the loader sets search_path to the target schema
-- (`stock`, or `stock__rebuild` while a rebuild runs).
-- Column types hold any history the edges accept: see src/domain/limits.py.

CREATE TABLE nodes (
    code text PRIMARY KEY,
    node_id uuid NOT NULL UNIQUE,
    name text NOT NULL,
    node_type text NOT NULL,
    lat double precision NOT NULL,
    lon double precision NOT NULL,
    location point GENERATED ALWAYS AS (point(lon, lat)) STORED,
    capabilities text[] NOT NULL,
    daily_capacity integer,
    priority integer NOT NULL,
    ship_cost numeric(38, 2) NOT NULL,
    active boolean NOT NULL,
    status text NOT NULL,
    registered_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL
);
COMMENT ON TABLE nodes IS
    'Inventory nodes (DC, WAREHOUSE, STORE, DROPSHIP): master data; status ACTIVE|INACTIVE. '
    'location is point(lon, lat) for nearest-node queries (ORDER BY location <-> point(lon, lat)).';
CREATE INDEX nodes_node_type_idx ON nodes (node_type, code);
CREATE INDEX nodes_location_idx ON nodes USING gist (location);

CREATE TABLE node_downtimes (
    node_code text NOT NULL,
    downtime_id uuid NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    reason text NOT NULL,
    PRIMARY KEY (node_code, downtime_id)
);
COMMENT ON TABLE node_downtimes IS
    'Scheduled downtime windows of a node [starts_at, ends_at); cancelled windows are removed.';
CREATE INDEX node_downtimes_window_idx ON node_downtimes (node_code, ends_at);

CREATE TABLE stock_by_node (
    node_code text NOT NULL,
    sku text NOT NULL,
    stock_id uuid NOT NULL UNIQUE,
    on_hand bigint NOT NULL,
    reserved bigint NOT NULL,
    safety_stock bigint NOT NULL,
    in_transit bigint NOT NULL,
    preordered bigint NOT NULL,
    available bigint NOT NULL,
    updated_at timestamptz NOT NULL,
    version bigint NOT NULL,
    PRIMARY KEY (node_code, sku)
);
COMMENT ON TABLE stock_by_node IS
    'Stock of one SKU at one node (the NodeStock aggregate stock_id, at version); '
    'preordered = units of the supply in transit held for preorders; available = max(0, '
    'on_hand - reserved - safety_stock - max(0, preordered - in_transit)).';
CREATE INDEX stock_by_node_sku_idx ON stock_by_node (sku, node_code);

CREATE TABLE stock_by_sku (
    sku text PRIMARY KEY,
    on_hand bigint NOT NULL,
    reserved bigint NOT NULL,
    safety_stock bigint NOT NULL,
    in_transit bigint NOT NULL,
    available bigint NOT NULL,
    node_count bigint NOT NULL,
    updated_at timestamptz NOT NULL
);
COMMENT ON TABLE stock_by_sku IS
    'Network totals of one SKU over every node that holds it; available is the sum of the '
    'nodes'' available quantities (each floored at 0).';

CREATE TABLE stock_by_channel (
    sku text NOT NULL,
    channel text NOT NULL,
    available bigint NOT NULL,
    node_count bigint NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (sku, channel)
);
COMMENT ON TABLE stock_by_channel IS
    'Available quantity of one SKU for one sales channel: the sum over the nodes the channel '
    'rules (channel_rules, else domain/channels.py) let that channel sell from, less the '
    'channel''s buffer at each node; one row per SKU and channel.';
CREATE INDEX stock_by_channel_channel_idx ON stock_by_channel (channel, sku);

CREATE TABLE channel_rules (
    channel text PRIMARY KEY,
    node_types text[] NOT NULL,
    buffer integer NOT NULL,
    rules_version integer NOT NULL
);
COMMENT ON TABLE channel_rules IS
    'The channel rules of the sourcing rule set in force (rules_version): the node types a '
    'channel sells from and the units it holds back at every node (buffer). No row: the '
    'default rules of domain/channels.py.';
