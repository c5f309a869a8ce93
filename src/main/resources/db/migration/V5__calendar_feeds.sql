-- Secret calendar URLs (GET /calendar/{secret}.ics): like API tokens, only the SHA-256 of the
-- secret is kept, and a URL is revoked by deleting its row.
-- scope says which tasks a URL shows. Today every URL is 'all' (the owner's tasks). Once shared
-- projects exist, 'assigned' (tasks assigned to the owner) and 'project:<id>' (one project) join
-- it: a text column with a check keeps that a new migration widening one constraint, and a
-- project URL will also get a project_id column with its foreign key then.
create table calendar_feeds (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    secret_hash  varchar(64) not null,
    scope        varchar(40) not null default 'all',
    created_at   timestamptz not null,
    last_used_at timestamptz,
    constraint calendar_feeds_secret_hash_key unique (secret_hash),
    constraint calendar_feeds_scope_known check (scope in ('all'))
);
create index calendar_feeds_user_id_idx on calendar_feeds (user_id, created_at);
