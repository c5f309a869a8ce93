-- The conversation on a task. A comment goes with its task (a task in the trash hides its
-- comments; deleting a project deletes both). tasks.comment_count is kept by the comment
-- service in the same transaction, so a list shows counts without counting.

create table comments (
    id         bigint generated always as identity primary key,
    task_id    bigint        not null references tasks (id) on delete cascade,
    author_id  bigint        not null references users (id) on delete cascade,
    body       varchar(4000) not null,
    created_at timestamptz   not null,
    edited_at  timestamptz,
    version    bigint        not null default 0,
    constraint comments_body_not_blank check (length(btrim(body)) > 0)
);
-- a task's conversation, oldest first
create index comments_task_created_idx on comments (task_id, created_at, id);

alter table tasks add column comment_count integer not null default 0;
