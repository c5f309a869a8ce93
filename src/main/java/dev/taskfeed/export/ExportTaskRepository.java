package dev.taskfeed.export;

import java.util.Collection;
import java.util.List;

import dev.taskfeed.task.Task;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The tasks of every project the user is a member of, a batch at a time, by id, so an
 * export never holds a whole account.
 */
interface ExportTaskRepository extends Repository<Task, Long> {

	@Query("select t.id from Task t where t.project.id in (select m.project.id from ProjectMember m where m.user.id = :userId) and t.deletedAt is null and t.id > :afterId order by t.id")
	List<Long> findLiveIds(long userId, long afterId, Limit limit);

	@Query("select t.id from Task t where t.project.id in (select m.project.id from ProjectMember m where m.user.id = :userId) and t.deletedAt is not null and t.id > :afterId order by t.id")
	List<Long> findTrashIds(long userId, long afterId, Limit limit);

	@Query("select t.id from Task t where t.project.id in (select m.project.id from ProjectMember m where m.user.id = :userId) and t.id > :afterId order by t.id")
	List<Long> findAllIds(long userId, long afterId, Limit limit);

	@Query("""
			select t from Task t join fetch t.owner join fetch t.project left join fetch t.assignee
			left join fetch t.categories tc left join fetch tc.category
			where t.id in :ids order by t.id""")
	List<Task> findWithCategories(Collection<Long> ids);

}
