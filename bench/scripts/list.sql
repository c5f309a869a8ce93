-- pgbench: the same page as GET /api/tasks?status=TODO&size=20 in hand-written SQL: the count,
-- and the page's 20 tasks with their owner and categories in one statement.
BEGIN READ ONLY;
SELECT count(*) FROM tasks t WHERE t.owner_id = :owner AND t.deleted_at IS NULL AND t.status = 'TODO';
WITH page AS (
  SELECT t.id, t.created_at FROM tasks t
  WHERE t.owner_id = :owner AND t.deleted_at IS NULL AND t.status = 'TODO'
  ORDER BY t.created_at DESC, t.id DESC LIMIT 20)
SELECT t.id, t.title, t.description, t.status, t.due_date, t.created_at, t.updated_at, t.version,
       u.id, u.email, u.display_name, c.id, c.name, c.color
FROM page p JOIN tasks t ON t.id = p.id JOIN users u ON u.id = t.owner_id
LEFT JOIN task_categories tc ON tc.task_id = t.id LEFT JOIN categories c ON c.id = tc.category_id
ORDER BY p.created_at DESC, p.id DESC;
COMMIT;
