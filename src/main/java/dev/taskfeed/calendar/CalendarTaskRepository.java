package dev.taskfeed.calendar;

import java.util.List;

import dev.taskfeed.task.Task;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The tasks a calendar URL shows, read straight from the tasks table. */
interface CalendarTaskRepository extends Repository<Task, Long> {

	/**
	 * The owner's live tasks with a due date, with their categories, in one statement.
	 */
	@Query("""
			select t from Task t
			left join fetch t.categories tc left join fetch tc.category
			where t.owner.id = :ownerId and t.deletedAt is null and t.dueDate is not null
			order by t.dueDate, t.id""")
	List<Task> findDueByOwner(long ownerId);

}
