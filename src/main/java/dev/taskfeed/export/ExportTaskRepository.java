package dev.taskfeed.export;

import java.util.Collection;
import java.util.List;

import dev.taskfeed.task.Task;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * An owner's tasks a batch at a time, by id, so an export never holds a whole account.
 */
interface ExportTaskRepository extends Repository<Task, Long> {

	@Query("select t.id from Task t where t.owner.id = :ownerId and t.deletedAt is null and t.id > :afterId order by t.id")
	List<Long> findLiveIds(long ownerId, long afterId, Limit limit);

	@Query("select t.id from Task t where t.owner.id = :ownerId and t.deletedAt is not null and t.id > :afterId order by t.id")
	List<Long> findTrashIds(long ownerId, long afterId, Limit limit);

	@Query("select t.id from Task t where t.owner.id = :ownerId and t.id > :afterId order by t.id")
	List<Long> findAllIds(long ownerId, long afterId, Limit limit);

	@Query("""
			select t from Task t left join fetch t.categories tc left join fetch tc.category
			where t.id in :ids order by t.id""")
	List<Task> findWithCategories(Collection<Long> ids);

}
