package dev.taskfeed.calendar;

import java.util.List;

import dev.taskfeed.task.Task;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The tasks a calendar URL shows, read straight from the tasks table. */
interface CalendarTaskRepository extends Repository<Task, Long> {

	/**
	 * The live tasks with a due date of every project the user is a member of, with their
	 * categories, in one statement.
	 */
	@Query("""
			select t from Task t join fetch t.owner join fetch t.project left join fetch t.assignee
			left join fetch t.categories tc left join fetch tc.category
			where t.project.id in (select m.project.id from ProjectMember m where m.user.id = :userId) and t.deletedAt is null and t.dueDate is not null
			order by t.dueDate, t.id""")
	List<Task> findDueFor(long userId);

	/** The same, of the tasks assigned to the user. */
	@Query("""
			select t from Task t join fetch t.owner join fetch t.project left join fetch t.assignee
			left join fetch t.categories tc left join fetch tc.category
			where t.project.id in (select m.project.id from ProjectMember m where m.user.id = :userId)
			and t.assignee.id = :userId and t.deletedAt is null and t.dueDate is not null
			order by t.dueDate, t.id""")
	List<Task> findDueAssignedTo(long userId);

	/** The same, of one project, while the user is a member of it (else none). */
	@Query("""
			select t from Task t join fetch t.owner join fetch t.project left join fetch t.assignee
			left join fetch t.categories tc left join fetch tc.category
			where t.project.id = :projectId
			and exists (select 1 from ProjectMember m where m.project.id = :projectId and m.user.id = :userId)
			and t.deletedAt is null and t.dueDate is not null
			order by t.dueDate, t.id""")
	List<Task> findDueInProject(long userId, long projectId);

}
