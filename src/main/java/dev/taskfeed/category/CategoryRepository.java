package dev.taskfeed.category;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface CategoryRepository extends JpaRepository<Category, Long> {

	@Query("select c from Category c where c.owner.id = :ownerId order by lower(c.name), c.id")
	List<Category> findByOwnerId(long ownerId);

	@Query("select c from Category c where c.id = :id and c.owner.id = :ownerId")
	Optional<Category> findByIdAndOwnerId(long id, long ownerId);

	// an array, not a collection: Hibernate binds it as one value (= any(?)) instead of
	// first trying,
	// and failing with an exception on every call, to read the collection as a single id
	@Query("select c from Category c where c.owner.id = :ownerId and array_contains(:ids, c.id)")
	List<Category> findByOwnerIdAndIdIn(long ownerId, Long[] ids);

	@Query("select count(c) > 0 from Category c where c.owner.id = :ownerId and lower(c.name) = lower(:name) and c.id <> :exceptId")
	boolean existsByOwnerIdAndName(long ownerId, String name, long exceptId);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query(value = "delete from task_categories where category_id = :categoryId", nativeQuery = true)
	int deleteTaskLinks(long categoryId);

}
