package dev.taskfeed.task;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface TaskRepository extends JpaRepository<Task, Long> {

	/**
	 * One task with everything its JSON shows, live or in the trash, if the user is a
	 * member of its project.
	 */
	@Query("""
			select t from Task t join fetch t.owner join fetch t.project left join fetch t.assignee
			left join fetch t.categories tc left join fetch tc.category
			where t.id = :id and exists (select 1 from ProjectMember m where m.project = t.project and m.user.id = :userId)""")
	Optional<Task> findVisible(long id, long userId);

	/**
	 * Locks a task the user can see for the rest of the transaction, and answers their
	 * role in its project. Concurrent changes of one task take turns: the second reads
	 * what the first committed (a stale {@code If-Match} is then a 412, a link already
	 * made a no-op), rather than both reading the same version.
	 */
	@Query(value = """
			select m.role from tasks t join project_members m on m.project_id = t.project_id and m.user_id = :userId
			where t.id = :id for no key update of t""", nativeQuery = true)
	Optional<String> lockVisible(long id, long userId);

	/** A live task the user can see: its project and the user's role there. */
	@Query("""
			select t.project.id as projectId, m.role as role from Task t, ProjectMember m
			where t.id = :id and t.deletedAt is null and m.project = t.project and m.user.id = :userId""")
	Optional<TaskAccess> findAccess(long id, long userId);

	/** Counts comments added (positive) or removed (negative); the version stays. */
	@Modifying
	@Query(value = "update tasks set comment_count = comment_count + :delta where id = :id", nativeQuery = true)
	int addToCommentCount(long id, int delta);

	/** Locks every task linked to this category, in id order, and answers their ids. */
	@Query(value = """
			select t.id from tasks t join task_categories tc on tc.task_id = t.id
			where tc.category_id = :categoryId order by t.id for no key update of t""", nativeQuery = true)
	List<Long> lockLinkedTo(long categoryId);

	/**
	 * Locks a project's tasks assigned to this user, in id order, and answers their ids.
	 */
	@Query(value = """
			select id from tasks where project_id = :projectId and assignee_id = :userId
			order by id for no key update""", nativeQuery = true)
	List<Long> lockAssigned(long projectId, long userId);

	@Query(value = "select exists (select 1 from tasks where project_id = :projectId and deleted_at is null)",
			nativeQuery = true)
	boolean hasLiveTasks(long projectId);

	/**
	 * A page's tasks with creator, project, assignee and categories, in one statement
	 * whatever the page size.
	 */
	@Query("""
			select t from Task t join fetch t.owner join fetch t.project left join fetch t.assignee
			left join fetch t.categories tc left join fetch tc.category
			where t.id in :ids""")
	List<Task> findDetailedByIds(Collection<Long> ids);

}
