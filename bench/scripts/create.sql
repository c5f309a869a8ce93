-- pgbench: the rows one task create writes (the task and its two category links), one transaction.
BEGIN;
INSERT INTO tasks (owner_id, title, description, status, created_at, updated_at, version)
  VALUES (:owner, 'Bench task', 'Made by pgbench', 'TODO', now(), now(), 0) RETURNING id AS task_id \gset
INSERT INTO task_categories (task_id, category_id, created_at) VALUES (:task_id, :c1, now()), (:task_id, :c2, now());
COMMIT;
