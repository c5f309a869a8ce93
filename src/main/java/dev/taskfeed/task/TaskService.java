package dev.taskfeed.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.taskfeed.category.Category;
import dev.taskfeed.category.CategoryService;
import dev.taskfeed.common.IfMatch;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.RetryOnCollision;
import dev.taskfeed.project.Project;
import dev.taskfeed.project.ProjectMember;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.user.User;
import dev.taskfeed.user.UserRepository;

import jakarta.persistence.EntityManager;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class TaskService {

	private final TaskRepository tasks;

	private final TaskSearch search;

	private final CategoryService categories;

	private final ProjectService projects;

	private final UserRepository users;

	private final EntityManager entityManager;

	private final Clock clock;

	TaskService(TaskRepository tasks, TaskSearch search, CategoryService categories, ProjectService projects,
			UserRepository users, EntityManager entityManager, Clock clock) {
		this.tasks = tasks;
		this.search = search;
		this.categories = categories;
		this.projects = projects;
		this.users = users;
		this.entityManager = entityManager;
		this.clock = clock;
	}

	/**
	 * Creates a task in the given project (the creator's personal one by default), which
	 * needs the EDITOR role there.
	 */
	@Transactional
	public TaskView create(long userId, NewTask request) {
		ProjectMember membership = this.projects.requireMember(userId, request.projectId(), ProjectRole.EDITOR);
		Project project = membership.getProject();
		long projectId = project.getId();
		User creator = membership.getUser();
		User assignee = (request.assigneeId() != null) ? member(projectId, request.assigneeId()) : null;
		List<Category> linked = request.categoryIds().isEmpty() ? List.of()
				: this.categories.findForLinking(projectId, request.categoryIds());
		Instant now = Instant.now(this.clock);
		Task task = new Task(creator, project, request.title().strip(), request.description(), request.status(),
				request.dueDate(), now);
		task.assign(assignee);
		linked.forEach((category) -> task.link(category, now));
		this.tasks.saveAndFlush(task);
		return TaskView.of(task);
	}

	public TaskView get(long userId, long id) {
		return TaskView.of(findLive(userId, id));
	}

	/**
	 * The live task's project and the caller's role there.
	 * @throws DomainException.NotFound when the caller cannot see it, or it is in the
	 * trash
	 */
	public TaskAccess access(long userId, long id) {
		return this.tasks.findAccess(id, userId).orElseThrow(() -> DomainException.notFound("task", id));
	}

	/** The same, or empty when the caller cannot see the live task. */
	public Optional<TaskAccess> findAccess(long userId, long id) {
		return this.tasks.findAccess(id, userId);
	}

	/**
	 * Keeps the task's comment count, in the caller's transaction; the task's version
	 * stays (a comment does not make an edit stale).
	 */
	@Transactional
	public void commentsChanged(long id, int delta) {
		this.tasks.addToCommentCount(id, delta);
	}

	/** Live tasks of one project, or of every project of the caller. */
	public Page<TaskView> list(long userId, TaskFilter filter, Pageable page) {
		requireMemberOf(userId, filter.projectId());
		return page(this.search.find(userId, false, filter, page), page);
	}

	public Page<TaskView> trash(long userId, Long projectId, Pageable page) {
		requireMemberOf(userId, projectId);
		return page(this.search.find(userId, true, TaskFilter.NONE.inProject(projectId), page), page);
	}

	@Transactional
	@RetryOnCollision
	public TaskView update(long userId, long id, TaskPatch patch, String ifMatch) {
		Task task = findLiveForChange(userId, id);
		IfMatch.check(ifMatch, task.getVersion(), "task");
		boolean changed = applyTitle(task, patch);
		changed |= applyDescription(task, patch);
		changed |= applyStatus(task, patch);
		changed |= applyDueDate(task, patch);
		// the project first: the categories and the
		// assignee must belong to where it ends up
		changed |= applyProject(userId, task, patch);
		changed |= applyCategories(task, patch);
		changed |= applyAssignee(task, patch);
		return saveIf(changed, task);
	}

	/*
	 * Each step of a merge-patch: absent leaves the field alone; says whether it changed.
	 */

	private static boolean applyTitle(Task task, TaskPatch patch) {
		if (patch.title() == null) {
			return false;
		}
		String title = patch.title()
			.orElseThrow(() -> DomainException.invalidField("title", "must not be null"))
			.strip();
		boolean changed = !title.equals(task.getTitle());
		task.setTitle(title);
		return changed;
	}

	private static boolean applyDescription(Task task, TaskPatch patch) {
		if (patch.description() == null) {
			return false;
		}
		String description = patch.description().orElse(null);
		boolean changed = !Objects.equals(description, task.getDescription());
		task.setDescription(description);
		return changed;
	}

	private static boolean applyStatus(Task task, TaskPatch patch) {
		if (patch.status() == null) {
			return false;
		}
		TaskStatus status = patch.status()
			.orElseThrow(() -> DomainException.invalidField("status", "must not be null"));
		boolean changed = status != task.getStatus();
		task.setStatus(status);
		return changed;
	}

	private static boolean applyDueDate(Task task, TaskPatch patch) {
		if (patch.dueDate() == null) {
			return false;
		}
		boolean changed = !Objects.equals(patch.dueDate().orElse(null), task.getDueDate());
		task.setDueDate(patch.dueDate().orElse(null));
		return changed;
	}

	/**
	 * Moves the task, which needs EDITOR in both projects: its links to the old project's
	 * categories go, and an assignee who is not a member of the new one is cleared.
	 */
	private boolean applyProject(long userId, Task task, TaskPatch patch) {
		if (patch.projectId() == null) {
			return false;
		}
		long target = patch.projectId()
			.orElseThrow(() -> DomainException.invalidField("projectId", "must not be null"));
		if (target == task.getProject().getId()) {
			return false;
		}
		this.projects.require(userId, target, ProjectRole.EDITOR);
		task.moveTo(this.entityManager.find(Project.class, target));
		if (task.getAssignee() != null && !this.projects.isMember(target, task.getAssignee().getId())) {
			task.assign(null);
		}
		return true;
	}

	private boolean applyCategories(Task task, TaskPatch patch) {
		if (patch.categoryIds() == null) {
			return false;
		}
		List<Long> ids = patch.categoryIds()
			.orElseThrow(() -> DomainException.invalidField("categoryIds", "must not be null; send [] to clear"));
		List<Category> wanted = ids.isEmpty() ? List.of()
				: this.categories.findForLinking(task.getProject().getId(), ids);
		return task.replaceCategories(wanted, Instant.now(this.clock));
	}

	private boolean applyAssignee(Task task, TaskPatch patch) {
		if (patch.assigneeId() == null) {
			return false;
		}
		User assignee = patch.assigneeId().map((id) -> member(task.getProject().getId(), id)).orElse(null);
		return task.assign(assignee);
	}

	/** A member of the project, to be assigned a task there. */
	private User member(long projectId, long userId) {
		if (!this.projects.isMember(projectId, userId)) {
			throw DomainException.invalidField("assigneeId", "is not a member of the task's project");
		}
		return this.users.getReferenceById(userId);
	}

	private void requireMemberOf(long userId, Long projectId) {
		if (projectId != null) {
			this.projects.roleOf(userId, projectId);
		}
	}

	@Transactional
	@RetryOnCollision
	public TaskView delete(long userId, long id, String ifMatch) {
		Task task = findLiveForChange(userId, id);
		IfMatch.check(ifMatch, task.getVersion(), "task");
		task.delete(Instant.now(this.clock));
		this.tasks.flush();
		return TaskView.of(task);
	}

	/** Takes a task out of the trash; restoring a live task changes nothing. */
	@Transactional
	@RetryOnCollision
	public TaskView restore(long userId, long id) {
		lockForChange(userId, id);
		Task task = this.tasks.findVisible(id, userId).orElseThrow(() -> DomainException.notFound("task", id));
		if (task.isDeleted()) {
			task.restore(Instant.now(this.clock));
			this.tasks.flush();
		}
		return TaskView.of(task);
	}

	@Transactional
	@RetryOnCollision
	public TaskView link(long userId, long id, long categoryId) {
		Task task = findLiveForChange(userId, id);
		Category category = this.categories.findInProject(task.getProject().getId(), categoryId);
		return saveIf(task.link(category, Instant.now(this.clock)), task);
	}

	@Transactional
	@RetryOnCollision
	public TaskView unlink(long userId, long id, long categoryId) {
		Task task = findLiveForChange(userId, id);
		Category category = this.categories.findInProject(task.getProject().getId(), categoryId);
		return saveIf(task.unlink(category.getId()), task);
	}

	private TaskView saveIf(boolean changed, Task task) {
		if (changed) {
			task.touch(Instant.now(this.clock));
			// flush now so the answer carries the new version
			this.tasks.flush();
		}
		return TaskView.of(task);
	}

	/**
	 * The task, locked until the transaction ends, read after any concurrent change
	 * committed; the caller must be an editor or owner of its project.
	 */
	private Task findLiveForChange(long userId, long id) {
		lockForChange(userId, id);
		return findLive(userId, id);
	}

	private void lockForChange(long userId, long id) {
		String role = this.tasks.lockVisible(id, userId).orElseThrow(() -> DomainException.notFound("task", id));
		ProjectService.requireRole(ProjectRole.valueOf(role), ProjectRole.EDITOR);
	}

	private Task findLive(long userId, long id) {
		Optional<Task> task = this.tasks.findVisible(id, userId).filter((found) -> !found.isDeleted());
		return task.orElseThrow(() -> DomainException.notFound("task", id));
	}

	private static Page<TaskView> page(TaskSearch.Result result, Pageable page) {
		return new PageImpl<>(result.content().stream().map(TaskView::of).toList(), page, result.total());
	}

}
