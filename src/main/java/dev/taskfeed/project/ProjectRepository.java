package dev.taskfeed.project;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ProjectRepository extends JpaRepository<Project, Long> {

	@Query("select p from Project p where p.personalUserId = :userId")
	Optional<Project> findPersonal(long userId);

	/**
	 * A project locked for the rest of the transaction (renames, deletes, member changes
	 * take turns).
	 */
	@Query(value = "select id from projects where id = :id for no key update", nativeQuery = true)
	Optional<Long> lock(long id);

	/**
	 * Locks a project against everything, tasks being added or moved into it included
	 * (their foreign key check takes a key-share lock, which this waits for and then
	 * blocks): a delete then sees every task committed before it, and no task arrives
	 * after its check.
	 */
	@Query(value = "select id from projects where id = :id for update", nativeQuery = true)
	Optional<Long> lockForDeletion(long id);

	/**
	 * Deletes a project in one statement; the database takes its members, categories and
	 * (trashed) tasks with it.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "delete from projects where id = :id", nativeQuery = true)
	int deleteNow(long id);

	/**
	 * The caller's projects with their role and member count: personal first, then by
	 * name.
	 */
	@Query("""
			select new dev.taskfeed.project.ProjectView(p.id, p.name, p.personalUserId is not null, m.role,
				(select count(o) from ProjectMember o where o.project = p), p.createdAt, p.updatedAt)
			from ProjectMember m join m.project p
			where m.user.id = :userId
			order by case when p.personalUserId is null then 1 else 0 end, lower(p.name), p.id""")
	List<ProjectView> findViews(long userId);

}
