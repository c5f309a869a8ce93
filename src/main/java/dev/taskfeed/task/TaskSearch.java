package dev.taskfeed.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Repository;

/**
 * The filtered, sorted, paged task lists. A page costs three statements whatever its
 * size: a count, the page's ids, and those tasks with everything they show fetched in one
 * go (fetching a collection in a paged query would make Hibernate page in memory).
 */
@Repository
class TaskSearch {

	private final EntityManager entityManager;

	private final TaskRepository tasks;

	TaskSearch(EntityManager entityManager, TaskRepository tasks) {
		this.entityManager = entityManager;
		this.tasks = tasks;
	}

	record Result(List<Task> content, long total) {
	}

	Result find(long userId, boolean deleted, TaskFilter filter, Pageable page) {
		Map<String, Object> parameters = new HashMap<>();
		String where = where(userId, deleted, filter, parameters);

		TypedQuery<Long> count = this.entityManager.createQuery("select count(t) from Task t" + where, Long.class);
		parameters.forEach(count::setParameter);
		long total = count.getSingleResult();

		TypedQuery<Long> ids = this.entityManager
			.createQuery("select t.id from Task t" + where + TaskPage.orderBy(page), Long.class);
		parameters.forEach(ids::setParameter);
		ids.setFirstResult((int) Math.min(page.getOffset(), Integer.MAX_VALUE));
		ids.setMaxResults(page.getPageSize());
		List<Long> pageIds = ids.getResultList();
		if (pageIds.isEmpty()) {
			return new Result(List.of(), total);
		}

		Map<Long, Task> byId = new HashMap<>();
		this.tasks.findDetailedByIds(pageIds).forEach((task) -> byId.put(task.getId(), task));
		List<Task> ordered = new ArrayList<>(pageIds.size());
		pageIds.forEach((id) -> ordered.add(byId.get(id)));
		return new Result(ordered, total);
	}

	private static String where(long userId, boolean deleted, TaskFilter filter, Map<String, Object> parameters) {
		// the membership check is part of the statement: a list costs the same whatever
		// the number of projects
		StringBuilder where = new StringBuilder(" where t.deletedAt is ").append(deleted ? "not null" : "null");
		if (filter.projectId() != null) {
			where.append(" and t.project.id = :projectId");
			parameters.put("projectId", filter.projectId());
		}
		where.append(" and t.project.id in (select m.project.id from ProjectMember m where m.user.id = :userId)");
		parameters.put("userId", userId);
		if (filter.assigneeId() != null) {
			where.append(" and t.assignee.id = :assigneeId");
			parameters.put("assigneeId", filter.assigneeId());
		}
		if (filter.status() != null) {
			where.append(" and t.status = :status");
			parameters.put("status", filter.status());
		}
		if (filter.categoryId() != null) {
			where.append(" and exists (select 1 from TaskCategory tc where tc.task.id = t.id")
				.append(" and tc.category.id = :categoryId)");
			parameters.put("categoryId", filter.categoryId());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			where.append(" and (lower(t.title) like :text escape '\\' or lower(t.description) like :text escape '\\')");
			parameters.put("text", "%" + escapeLike(filter.text().strip().toLowerCase(Locale.ROOT)) + "%");
		}
		if (filter.dueBefore() != null) {
			where.append(" and t.dueDate <= :dueBefore");
			parameters.put("dueBefore", filter.dueBefore());
		}
		if (filter.dueAfter() != null) {
			where.append(" and t.dueDate >= :dueAfter");
			parameters.put("dueAfter", filter.dueAfter());
		}
		return where.toString();
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
