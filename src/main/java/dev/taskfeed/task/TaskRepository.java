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

	/** A page's tasks with owner and categories, in one statement whatever the page size. */
	@Query("""
			select t from Task t join fetch t.owner
			left join fetch t.categories tc left join fetch tc.category
			where t.id in :ids""")
	List<Task> findDetailedByIds(Collection<Long> ids);

}
