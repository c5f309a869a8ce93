-- TaskFeed schema: users, their API tokens, categories and tasks.

create table users (
    id            bigint generated always as identity primary key,
    email         varchar(254) not null,
    display_name  varchar(80)  not null,
    password_hash varchar(255) not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    constraint users_display_name_not_blank check (length(btrim(display_name)) > 0)
);
create unique index users_email_lower_key on users (lower(email));

create table api_tokens (
    id           bigint generated always as identity primary key,
    user_id      bigint       not null references users (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   varchar(64)     not null,
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    constraint api_tokens_token_hash_key unique (token_hash)
);
create index api_tokens_user_id_idx on api_tokens (user_id, created_at);

create table categories (
    id         bigint generated always as identity primary key,
    owner_id   bigint      not null references users (id) on delete cascade,
    name       varchar(50) not null,
    color      varchar(7)    not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint categories_name_not_blank check (length(btrim(name)) > 0),
    constraint categories_color_hex check (color ~ '^#[0-9a-f]{6}$')
);
create unique index categories_owner_name_lower_key on categories (owner_id, lower(name));

create table tasks (
    id          bigint generated always as identity primary key,
    owner_id    bigint        not null references users (id) on delete cascade,
    title       varchar(200)  not null,
    description varchar(10000),
    status      varchar(16)   not null,
    due_date    date,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    deleted_at  timestamptz,
    version     bigint        not null default 0,
    constraint tasks_title_not_blank check (length(btrim(title)) > 0),
    constraint tasks_status_known check (status in ('TODO', 'IN_PROGRESS', 'DONE'))
);
-- The list (live tasks, newest first) and the trash (deleted tasks) of one owner.
create index tasks_owner_live_created_idx on tasks (owner_id, created_at desc, id desc) where deleted_at is null;
create index tasks_owner_deleted_idx on tasks (owner_id, deleted_at desc) where deleted_at is not null;
create index tasks_owner_due_idx on tasks (owner_id, due_date) where deleted_at is null;

create table task_categories (
    task_id     bigint      not null references tasks (id) on delete cascade,
    category_id bigint      not null references categories (id) on delete cascade,
    created_at  timestamptz not null,
    primary key (task_id, category_id)
);
-- "Tasks in category X" filters and category deletes look links up by category.
create index task_categories_category_idx on task_categories (category_id, task_id);
