-- pgbench: the same page as GET /api/tasks?status=TODO&size=20 in hand-written SQL: the count over
-- every project the caller is a member of, and the page's 20 tasks with their creator, project,
-- assignee and categories in one statement.
BEGIN READ ONLY;
SELECT count(*) FROM tasks t
WHERE t.deleted_at IS NULL AND t.status = 'TODO'
  AND t.project_id IN (SELECT m.project_id FROM project_members m WHERE m.user_id = :owner);
WITH page AS (
  SELECT t.id, t.created_at FROM tasks t
  WHERE t.deleted_at IS NULL AND t.status = 'TODO'
    AND t.project_id IN (SELECT m.project_id FROM project_members m WHERE m.user_id = :owner)
  ORDER BY t.created_at DESC, t.id DESC LIMIT 20)
SELECT t.id, t.title, t.description, t.status, t.due_date, t.created_at, t.updated_at, t.version,
       u.id, u.email, u.display_name, pr.id, pr.name, a.id, a.display_name, c.id, c.name, c.color
FROM page p JOIN tasks t ON t.id = p.id JOIN users u ON u.id = t.owner_id JOIN projects pr ON pr.id = t.project_id
LEFT JOIN users a ON a.id = t.assignee_id
LEFT JOIN task_categories tc ON tc.task_id = t.id LEFT JOIN categories c ON c.id = tc.category_id
ORDER BY p.created_at DESC, p.id DESC;
COMMIT;
