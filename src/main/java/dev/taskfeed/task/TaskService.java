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
import dev.taskfeed.user.User;
import dev.taskfeed.user.UserRepository;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class TaskService {

	private final TaskRepository tasks;

	private final TaskSearch search;

	private final CategoryService categories;

	private final UserRepository users;

	private final Clock clock;

	TaskService(TaskRepository tasks, TaskSearch search, CategoryService categories, UserRepository users,
			Clock clock) {
		this.tasks = tasks;
		this.search = search;
		this.categories = categories;
		this.users = users;
		this.clock = clock;
	}

	@Transactional
	public TaskView create(long ownerId, NewTask request) {
		User owner = this.users.findById(ownerId).orElseThrow(() -> DomainException.notFound("user", ownerId));
		List<Category> linked = request.categoryIds().isEmpty() ? List.of()
				: this.categories.findOwnedForLinking(ownerId, request.categoryIds());
		Instant now = Instant.now(this.clock);
		Task task = new Task(owner, request.title().strip(), request.description(), request.status(), request.dueDate(),
				now);
		linked.forEach((category) -> task.link(category, now));
		this.tasks.saveAndFlush(task);
		return TaskView.of(task);
	}

	public TaskView get(long ownerId, long id) {
		return TaskView.of(findLive(ownerId, id));
	}

	public Page<TaskView> list(long ownerId, TaskFilter filter, TaskPage page) {
		return page(this.search.find(ownerId, false, filter, page), page);
	}

	public Page<TaskView> trash(long ownerId, TaskPage page) {
		return page(this.search.find(ownerId, true, TaskFilter.NONE, page), page);
	}

	@Transactional
	@RetryOnCollision
	public TaskView update(long ownerId, long id, TaskPatch patch, String ifMatch) {
		Task task = findLiveForChange(ownerId, id);
		IfMatch.check(ifMatch, task.getVersion());
		boolean changed = applyTitle(task, patch);
		changed |= applyDescription(task, patch);
		changed |= applyStatus(task, patch);
		changed |= applyDueDate(task, patch);
		changed |= applyCategories(ownerId, task, patch);
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

	private boolean applyCategories(long ownerId, Task task, TaskPatch patch) {
		if (patch.categoryIds() == null) {
			return false;
		}
		List<Long> ids = patch.categoryIds()
			.orElseThrow(() -> DomainException.invalidField("categoryIds", "must not be null; send [] to clear"));
		List<Category> wanted = ids.isEmpty() ? List.of() : this.categories.findOwnedForLinking(ownerId, ids);
		return task.replaceCategories(wanted, Instant.now(this.clock));
	}

	@Transactional
	@RetryOnCollision
	public TaskView delete(long ownerId, long id, String ifMatch) {
		Task task = findLiveForChange(ownerId, id);
		IfMatch.check(ifMatch, task.getVersion());
		task.delete(Instant.now(this.clock));
		this.tasks.flush();
		return TaskView.of(task);
	}

	/** Takes a task out of the trash; restoring a live task changes nothing. */
	@Transactional
	@RetryOnCollision
	public TaskView restore(long ownerId, long id) {
		lockForChange(ownerId, id);
		Task task = this.tasks.findDetailed(id, ownerId).orElseThrow(() -> DomainException.notFound("task", id));
		if (task.isDeleted()) {
			task.restore(Instant.now(this.clock));
			this.tasks.flush();
		}
		return TaskView.of(task);
	}

	@Transactional
	@RetryOnCollision
	public TaskView link(long ownerId, long id, long categoryId) {
		Task task = findLiveForChange(ownerId, id);
		Category category = this.categories.findOwned(ownerId, categoryId);
		return saveIf(task.link(category, Instant.now(this.clock)), task);
	}

	@Transactional
	@RetryOnCollision
	public TaskView unlink(long ownerId, long id, long categoryId) {
		Task task = findLiveForChange(ownerId, id);
		Category category = this.categories.findOwned(ownerId, categoryId);
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
	 * committed.
	 */
	private Task findLiveForChange(long ownerId, long id) {
		lockForChange(ownerId, id);
		return findLive(ownerId, id);
	}

	private void lockForChange(long ownerId, long id) {
		this.tasks.lockOwned(id, ownerId).orElseThrow(() -> DomainException.notFound("task", id));
	}

	private Task findLive(long ownerId, long id) {
		Optional<Task> task = this.tasks.findDetailed(id, ownerId).filter((found) -> !found.isDeleted());
		return task.orElseThrow(() -> DomainException.notFound("task", id));
	}

	private static Page<TaskView> page(TaskSearch.Result result, TaskPage page) {
		return new PageImpl<>(result.content().stream().map(TaskView::of).toList(),
				PageRequest.of(page.number(), page.size()), result.total());
	}

}
