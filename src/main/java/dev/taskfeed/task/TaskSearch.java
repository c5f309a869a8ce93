package dev.taskfeed.task;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Repository;

/**
 * The filtered, sorted, paged task lists. A page costs two statements whatever its size:
 * a count, and the page's tasks with everything they show, the page itself chosen by a
 * limited subquery (fetching a collection in a paged query would make Hibernate page in
 * memory).
 */
@Repository
class TaskSearch {

	private final EntityManager entityManager;

	TaskSearch(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	record Result(List<Task> content, long total) {
	}

	Result find(long userId, boolean deleted, TaskFilter filter, Pageable page) {
		Map<String, Object> parameters = new HashMap<>();
		String where = where(userId, deleted, filter, parameters);

		TypedQuery<Long> count = this.entityManager.createQuery("select count(t) from Task t" + where, Long.class);
		parameters.forEach(count::setParameter);
		long total = count.getSingleResult();

		if (total == 0 || page.getOffset() >= total) {
			return new Result(List.of(), total);
		}
		// the page's ids and their tasks in one statement: the ids as a sorted, limited
		// subquery, the tasks fetched with everything they show and sorted the same way
		TypedQuery<Task> tasks = this.entityManager.createQuery("""
				select shown from Task shown join fetch shown.owner join fetch shown.project
				left join fetch shown.assignee left join fetch shown.categories link left join fetch link.category
				where shown.id in (select t.id from Task t""" + where + TaskPage.orderBy(page, "t")
				+ " offset :pageOffset rows fetch first :pageSize rows only)" + TaskPage.orderBy(page, "shown"),
				Task.class);
		parameters.forEach(tasks::setParameter);
		tasks.setParameter("pageOffset", (int) Math.min(page.getOffset(), Integer.MAX_VALUE));
		tasks.setParameter("pageSize", page.getPageSize());
		return new Result(tasks.getResultList(), total);
	}

	private static String where(long userId, boolean deleted, TaskFilter filter, Map<String, Object> parameters) {
		// the membership check is part of the statement:
		// a list costs the same whatever the number of projects
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
