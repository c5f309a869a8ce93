-- Failed sign-ins, per account (lower-cased email) and per client address, shared by every
-- instance. A few failures are free; after that each further one delays the next attempt a little
-- longer (see SignInThrottle). Rows older than a day are pruned.
create table sign_in_throttle (
    throttle_key       varchar(320) primary key,
    failures           integer      not null,
    window_started_at  timestamptz  not null,
    blocked_until      timestamptz
);
