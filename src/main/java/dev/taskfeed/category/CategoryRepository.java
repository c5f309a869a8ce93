package dev.taskfeed.category;

import java.util.List;
import java.util.Optional;

import dev.taskfeed.project.ProjectRole;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface CategoryRepository extends JpaRepository<Category, Long> {

	@Query("select c from Category c where c.project.id = :projectId order by lower(c.name), c.id")
	List<Category> findByProjectId(long projectId);

	/** A category the user can see (a member of its project), with their role there. */
	@Query("""
			select c as category, m.role as role from Category c, ProjectMember m
			where c.id = :id and m.project = c.project and m.user.id = :userId""")
	Optional<Visible> findVisible(long id, long userId);

	interface Visible {

		Category getCategory();

		ProjectRole getRole();

	}

	@Query("select c from Category c where c.id = :id and c.project.id = :projectId")
	Optional<Category> findInProject(long id, long projectId);

	// an array, not a collection: Hibernate binds it as one value (= any(?))
	// instead of first trying, and failing with an exception on every call,
	// to read the collection as a single id
	@Query("select c from Category c where c.project.id = :projectId and array_contains(:ids, c.id)")
	List<Category> findByProjectIdAndIdIn(long projectId, Long[] ids);

	@Query("select count(c) > 0 from Category c where c.project.id = :projectId and lower(c.name) = lower(:name) and c.id <> :exceptId")
	boolean existsByProjectIdAndName(long projectId, String name, long exceptId);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "delete from task_categories where category_id = :categoryId", nativeQuery = true)
	int deleteTaskLinks(long categoryId);

}
