-- pgbench: the rows one task create writes (the task, in the creator's personal project, and its
-- two category links), one transaction.
BEGIN;
INSERT INTO tasks (owner_id, project_id, title, description, status, created_at, updated_at, version)
  VALUES (:owner, :project, 'Bench task', 'Made by pgbench', 'TODO', now(), now(), 0) RETURNING id AS task_id \gset
INSERT INTO task_categories (task_id, category_id, created_at) VALUES (:task_id, :c1, now()), (:task_id, :c2, now());
COMMIT;
