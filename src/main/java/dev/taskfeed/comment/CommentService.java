package dev.taskfeed.comment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.IfMatch;
import dev.taskfeed.common.RetryOnCollision;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.task.TaskAccess;
import dev.taskfeed.task.TaskService;
import dev.taskfeed.user.UserRepository;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversation on a task. Whoever can see a live task (any member of its project,
 * viewers included) reads and writes its comments; an author edits their own, and an
 * author or a project owner deletes one. Anyone else, and everyone while the task is in
 * the trash, is told it does not exist.
 */
@Service
@Transactional(readOnly = true)
public class CommentService {

	private final CommentRepository comments;

	private final TaskService tasks;

	private final UserRepository users;

	private final Clock clock;

	CommentService(CommentRepository comments, TaskService tasks, UserRepository users, Clock clock) {
		this.comments = comments;
		this.tasks = tasks;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * One page of the conversation; a page past the end, however far, is empty (its
	 * offset may be more than the database can skip, so it is not asked).
	 */
	public Page<CommentView> list(long userId, long taskId, int page, int size) {
		this.tasks.access(userId, taskId);
		PageRequest request = PageRequest.of(page, size);
		if (request.getOffset() > Integer.MAX_VALUE) {
			return new PageImpl<>(List.of(), request, this.comments.countByTaskId(taskId));
		}
		return this.comments.findByTask(taskId, request).map(CommentView::of);
	}

	@Transactional
	public CommentView add(long userId, long taskId, String body) {
		TaskAccess task = this.tasks.access(userId, taskId);
		Comment comment = new Comment(taskId, task.getProjectId(), this.users.getReferenceById(userId), clean(body),
				Instant.now(this.clock));
		this.comments.saveAndFlush(comment);
		this.tasks.commentsChanged(taskId, 1);
		return CommentView.of(comment);
	}

	@Transactional
	@RetryOnCollision
	public CommentView edit(long userId, long id, String body, String ifMatch) {
		Comment comment = findVisible(userId, id).comment();
		if (!comment.getAuthor().getId().equals(userId)) {
			throw DomainException.forbidden("Only its author edits a comment.");
		}
		IfMatch.check(ifMatch, comment.getVersion(), "comment");
		if (comment.edit(clean(body), Instant.now(this.clock))) {
			this.comments.flush();
		}
		return CommentView.of(comment);
	}

	@Transactional
	@RetryOnCollision
	public void delete(long userId, long id, String ifMatch) {
		Visible visible = findVisible(userId, id);
		Comment comment = visible.comment();
		if (!comment.getAuthor().getId().equals(userId) && visible.task().getRole() != ProjectRole.OWNER) {
			throw DomainException.forbidden("Only its author or a project owner deletes a comment.");
		}
		IfMatch.check(ifMatch, comment.getVersion(), "comment");
		this.comments.delete(comment);
		this.comments.flush();
		this.tasks.commentsChanged(comment.getTaskId(), -1);
	}

	/** A comment on a live task the caller can see; any other is absent for them. */
	private Visible findVisible(long userId, long id) {
		Comment comment = this.comments.findWithAuthor(id).orElseThrow(() -> DomainException.notFound("comment", id));
		TaskAccess task = this.tasks.findAccess(userId, comment.getTaskId())
			.orElseThrow(() -> DomainException.notFound("comment", id));
		comment.inProject(task.getProjectId());
		return new Visible(comment, task);
	}

	private record Visible(Comment comment, TaskAccess task) {
	}

	private static String clean(String body) {
		// line breaks are kept as the author typed them, only the ends are trimmed
		return body.strip();
	}

}
