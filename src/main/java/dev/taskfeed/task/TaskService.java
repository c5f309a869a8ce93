package dev.taskfeed.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.taskfeed.category.Category;
import dev.taskfeed.category.CategoryService;
import dev.taskfeed.common.IfMatch;
import dev.taskfeed.common.PageView;
import dev.taskfeed.common.Problems;
import dev.taskfeed.user.User;
import dev.taskfeed.user.UserRepository;

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
		User owner = this.users.findById(ownerId).orElseThrow(() -> Problems.notFound("user", ownerId));
		List<Category> linked = request.categoryIds().isEmpty() ? List.of()
				: this.categories.findOwnedForLinking(ownerId, request.categoryIds());
		Instant now = Instant.now(this.clock);
		Task task = new Task(owner, request.title().strip(), request.description(), request.status(),
				request.dueDate(), now);
		linked.forEach((category) -> task.link(category, now));
		this.tasks.saveAndFlush(task);
		return TaskView.of(task);
	}

	public TaskView get(long ownerId, long id) {
		return TaskView.of(findLive(ownerId, id));
	}

	public PageView<TaskView> list(long ownerId, TaskFilter filter, TaskPage page) {
		return page(this.search.find(ownerId, false, filter, page), page);
	}

	public PageView<TaskView> trash(long ownerId, TaskPage page) {
		return page(this.search.find(ownerId, true, TaskFilter.NONE, page), page);
	}

	@Transactional
	public TaskView update(long ownerId, long id, TaskPatch patch, String ifMatch) {
		Task task = findLive(ownerId, id);
		IfMatch.check(ifMatch, task.getVersion());
		boolean changed = false;
		if (patch.title() != null) {
			String title = patch.title().orElseThrow(() -> Problems.invalidField("title", "must not be null")).strip();
			changed |= !title.equals(task.getTitle());
			task.setTitle(title);
		}
		if (patch.description() != null) {
			String description = patch.description().orElse(null);
			changed |= !Objects.equals(description, task.getDescription());
			task.setDescription(description);
		}
		if (patch.status() != null) {
			TaskStatus status = patch.status().orElseThrow(() -> Problems.invalidField("status", "must not be null"));
			changed |= status != task.getStatus();
			task.setStatus(status);
		}
		if (patch.dueDate() != null) {
			changed |= !Objects.equals(patch.dueDate().orElse(null), task.getDueDate());
			task.setDueDate(patch.dueDate().orElse(null));
		}
		if (patch.categoryIds() != null) {
			List<Long> ids = patch.categoryIds()
				.orElseThrow(() -> Problems.invalidField("categoryIds", "must not be null; send [] to clear"));
			List<Category> wanted = ids.isEmpty() ? List.of() : this.categories.findOwnedForLinking(ownerId, ids);
			changed |= task.replaceCategories(wanted, Instant.now(this.clock));
		}
		return saveIf(changed, task);
	}

	@Transactional
	public TaskView delete(long ownerId, long id, String ifMatch) {
		Task task = findLive(ownerId, id);
		IfMatch.check(ifMatch, task.getVersion());
		task.delete(Instant.now(this.clock));
		this.tasks.flush();
		return TaskView.of(task);
	}

	/** Takes a task out of the trash; restoring a live task changes nothing. */
	@Transactional
	public TaskView restore(long ownerId, long id) {
		Task task = this.tasks.findDetailed(id, ownerId).orElseThrow(() -> Problems.notFound("task", id));
		if (task.isDeleted()) {
			task.restore(Instant.now(this.clock));
			this.tasks.flush();
		}
		return TaskView.of(task);
	}

	@Transactional
	public TaskView link(long ownerId, long id, long categoryId) {
		Task task = findLive(ownerId, id);
		Category category = this.categories.findOwned(ownerId, categoryId);
		return saveIf(task.link(category, Instant.now(this.clock)), task);
	}

	@Transactional
	public TaskView unlink(long ownerId, long id, long categoryId) {
		Task task = findLive(ownerId, id);
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

	private Task findLive(long ownerId, long id) {
		Optional<Task> task = this.tasks.findDetailed(id, ownerId).filter((found) -> !found.isDeleted());
		return task.orElseThrow(() -> Problems.notFound("task", id));
	}

	private static PageView<TaskView> page(TaskSearch.Result result, TaskPage page) {
		return PageView.of(result.content().stream().map(TaskView::of).toList(), page.number(), page.size(),
				result.total());
	}

}
