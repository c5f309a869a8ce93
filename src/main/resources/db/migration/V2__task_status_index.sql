-- A list filtered by status counts and pages through one owner's live tasks of that status
-- without reading the others (the count becomes an index-only scan).
create index tasks_owner_status_created_idx on tasks (owner_id, status, created_at desc, id desc) where deleted_at is null;
