-- Read model "receivables": customer accounts, what each order owes, and open invoices.
-- Objects are created unqualified: the loader sets search_path to the target schema
-- (`receivables`, or `receivables__rebuild` while a rebuild runs).

CREATE TABLE customers (
    customer_key uuid PRIMARY KEY,
    customer_id text NOT NULL UNIQUE,
    name text NOT NULL,
    email text NOT NULL,
    phone text,
    credit_limit numeric,
    payment_terms_days integer NOT NULL,
    updated_at timestamptz NOT NULL
);
COMMENT ON TABLE customers IS
    'One row per customer account (PUT /customers/{id}); credit_limit null: not credit-checked.';

CREATE TABLE accounts (
    order_id uuid PRIMARY KEY,
    customer_id text NOT NULL,
    placed_at timestamptz NOT NULL,
    authorized numeric NOT NULL,
    invoiced numeric NOT NULL,
    captured numeric NOT NULL,
    paid numeric NOT NULL,
    credited numeric NOT NULL,
    written_off numeric NOT NULL,
    updated_at timestamptz NOT NULL
);
COMMENT ON TABLE accounts IS
    'One row per order: what was invoiced, paid (payments and captures less refunds), '
    'credited (credit memos) and written off. balance = invoiced - paid - credited - written_off.';
CREATE INDEX accounts_customer_idx ON accounts (customer_id);

CREATE TABLE invoices (
    invoice_number text PRIMARY KEY,
    order_id uuid NOT NULL,
    customer_id text NOT NULL,
    seq integer NOT NULL,
    amount numeric NOT NULL,
    issued_on date NOT NULL,
    due_on date NOT NULL,
    written_off numeric NOT NULL,
    open_amount numeric NOT NULL
);
COMMENT ON TABLE invoices IS
    'One row per invoice (seq = 1, 2, ... within its order). Money and credit settle an '
    'order''s oldest invoices first; open_amount is what is still to be paid; due_on = '
    'issued_on + the customer''s payment terms when it was issued.';
CREATE INDEX invoices_customer_idx ON invoices (customer_id, due_on);
CREATE INDEX invoices_order_idx ON invoices (order_id, seq);
CREATE INDEX invoices_open_idx ON invoices (due_on) WHERE open_amount > 0;
