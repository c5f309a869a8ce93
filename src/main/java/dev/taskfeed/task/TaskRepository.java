package dev.taskfeed.task;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TaskRepository extends JpaRepository<Task, Long> {

	/** One task with everything its JSON shows, live or in the trash. */
	@Query("""
			select t from Task t join fetch t.owner
			left join fetch t.categories tc left join fetch tc.category
			where t.id = :id and t.owner.id = :ownerId""")
	Optional<Task> findDetailed(long id, long ownerId);

	/**
	 * Locks the caller's task for the rest of the transaction, so concurrent changes of
	 * one task take turns: the second reads what the first committed (a stale
	 * {@code If-Match} is then a 412, a link already made a no-op), rather than both
	 * reading the same version.
	 */
	@Query(value = "select id from tasks where id = :id and owner_id = :ownerId for no key update", nativeQuery = true)
	Optional<Long> lockOwned(long id, long ownerId);

	/** Locks every task linked to this category, in id order, and answers their ids. */
	@Query(value = """
			select t.id from tasks t join task_categories tc on tc.task_id = t.id
			where tc.category_id = :categoryId order by t.id for no key update of t""", nativeQuery = true)
	List<Long> lockLinkedTo(long categoryId);

	/**
	 * A page's tasks with owner and categories, in one statement whatever the page size.
	 */
	@Query("""
			select t from Task t join fetch t.owner
			left join fetch t.categories tc left join fetch tc.category
			where t.id in :ids""")
	List<Task> findDetailedByIds(Collection<Long> ids);

}
