-- Shared projects. A task and a category belong to a project; who may see or change them is
-- decided by membership (project_members) instead of ownership. Every user has one personal
-- project (personal_user_id names them; it has exactly that user as its owner and cannot be
-- deleted). Existing data moves into its owner's personal project: nothing is lost.

create table projects (
    id               bigint generated always as identity primary key,
    name             varchar(80) not null,
    personal_user_id bigint references users (id) on delete cascade,
    personal         boolean generated always as (personal_user_id is not null) stored,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null default 0,
    constraint projects_name_not_blank check (length(btrim(name)) > 0),
    constraint projects_personal_user_key unique (personal_user_id)
);

create table project_members (
    project_id bigint      not null references projects (id) on delete cascade,
    user_id    bigint      not null references users (id) on delete cascade,
    role       varchar(8)  not null,
    created_at timestamptz not null,
    primary key (project_id, user_id),
    constraint project_members_role_known check (role in ('OWNER', 'EDITOR', 'VIEWER'))
);
-- "the projects of this user": every list, every access check
create index project_members_user_idx on project_members (user_id, project_id, role);

insert into projects (name, personal_user_id, created_at, updated_at)
select 'Personal', id, created_at, created_at from users;
insert into project_members (project_id, user_id, role, created_at)
select id, personal_user_id, 'OWNER', created_at from projects;

-- tasks: the project decides who sees them; owner_id stays as the creator
alter table tasks add column project_id bigint references projects (id) on delete cascade;
alter table tasks add column assignee_id bigint references users (id) on delete set null;
update tasks t set project_id = p.id from projects p where p.personal_user_id = t.owner_id;
alter table tasks alter column project_id set not null;
drop index tasks_owner_live_created_idx;
drop index tasks_owner_deleted_idx;
drop index tasks_owner_due_idx;
create index tasks_project_live_created_idx on tasks (project_id, created_at desc, id desc) where deleted_at is null;
create index tasks_project_deleted_idx on tasks (project_id, deleted_at desc) where deleted_at is not null;
create index tasks_project_due_idx on tasks (project_id, due_date) where deleted_at is null;
create index tasks_assignee_idx on tasks (assignee_id) where assignee_id is not null;
create index tasks_owner_idx on tasks (owner_id);

-- categories: one project's, names unique per project ignoring case
alter table categories add column project_id bigint references projects (id) on delete cascade;
update categories c set project_id = p.id from projects p where p.personal_user_id = c.owner_id;
alter table categories alter column project_id set not null;
drop index categories_owner_name_lower_key;
alter table categories drop column owner_id;
create unique index categories_project_name_lower_key on categories (project_id, lower(name));
