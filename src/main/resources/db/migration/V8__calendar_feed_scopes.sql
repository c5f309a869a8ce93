-- A calendar URL can show every project of its owner ('all'), the tasks assigned to them
-- ('assigned'), or one project ('project', naming it). Deleting the project deletes its URLs.
alter table calendar_feeds add column project_id bigint references projects (id) on delete cascade;
alter table calendar_feeds drop constraint calendar_feeds_scope_known;
alter table calendar_feeds add constraint calendar_feeds_scope_known
    check (scope in ('all', 'assigned', 'project') and ((scope = 'project') = (project_id is not null)));
