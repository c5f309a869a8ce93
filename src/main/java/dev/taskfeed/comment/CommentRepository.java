package dev.taskfeed.comment;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CommentRepository extends JpaRepository<Comment, Long> {

	/** A task's conversation, oldest first, with the authors: two statements a page. */
	@Query(value = "select c from Comment c join fetch c.author where c.taskId = :taskId order by c.createdAt, c.id",
			countQuery = "select count(c) from Comment c where c.taskId = :taskId")
	Page<Comment> findByTask(long taskId, Pageable page);

	long countByTaskId(long taskId);

	@Query("select c from Comment c join fetch c.author where c.id = :id")
	Optional<Comment> findWithAuthor(long id);

}
