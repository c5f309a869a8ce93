package dev.taskfeed.task.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.TextLength;
import dev.taskfeed.task.NewTask;
import dev.taskfeed.task.TaskFilter;
import dev.taskfeed.task.TaskPage;
import dev.taskfeed.task.TaskPatch;
import dev.taskfeed.task.TaskService;
import dev.taskfeed.task.TaskStatus;
import dev.taskfeed.task.TaskView;
import dev.taskfeed.user.TaskFeedPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.web.PagedModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "The tasks of the caller's projects; a task of a project the caller is not a "
		+ "member of is a 404, as if absent, and a change beyond the caller's role (a viewer editing) is 403")
class TaskController {

	private static final String DUE_DATE = "A day of the years 1 to 9999 of the ISO calendar (0001-01-01 to "
			+ "9999-12-31, no sign, no time); any other date is a 400 naming dueDate";

	private final TaskService tasks;

	TaskController(TaskService tasks) {
		this.tasks = tasks;
	}

	@PostMapping
	@Operation(summary = "Create a task",
			description = "`status` defaults to TODO; `projectId` to the caller's personal project, where the "
					+ "caller needs the EDITOR role. Every id in `categoryIds` must be a category of that project, and "
					+ "`assigneeId` a member of it, or nothing is saved (400).")
	ResponseEntity<TaskView> create(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Valid @RequestBody CreateTaskRequest request) {
		TaskView task = this.tasks.create(me.id(), new NewTask(request.title(), request.description(), request.status(),
				request.dueDate(), request.categoryIds(), request.projectId(), request.assigneeId()));
		return ResponseEntity.created(URI.create("/api/tasks/" + task.id())).eTag(task.etag()).body(task);
	}

	@GetMapping
	@Operation(summary = "The live tasks the caller can see, a page at a time",
			description = "Without `projectId`, the tasks of every project the caller is a member of. "
					+ "Filters combine with AND. `dueBefore`/`dueAfter` include the day they name, and like due "
					+ "dates are days of the years 1 to 9999 (anything else is a 400 naming the parameter). "
					+ "`sort` is one of createdAt (default, desc), updatedAt, title, dueDate, status, "
					+ "optionally followed by `,asc` or `,desc`.")
	PagedModel<TaskView> list(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Parameter(example = "1") @RequestParam(required = false) Long projectId,
			@Parameter(description = "`me` or a user id",
					example = "me") @RequestParam(required = false) String assignee,
			@RequestParam(required = false) TaskStatus status, @RequestParam(required = false) Long categoryId,
			@Parameter(description = "text to find in title or description, ignoring case") @RequestParam(
					required = false) String q,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBefore,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueAfter,
			@Parameter(description = "0-based page number") @RequestParam(required = false) Integer page,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer size,
			@Parameter(example = "createdAt,desc") @RequestParam(required = false) String sort) {
		TaskFilter filter = new TaskFilter(projectId, assigneeId(me, assignee), status, categoryId, q, dueBefore,
				dueAfter);
		return new PagedModel<>(
				this.tasks.list(me.id(), filter, TaskPage.of(page, size, sort, "createdAt,desc", TaskPage.SORTABLE)));
	}

	@GetMapping("/trash")
	@Operation(summary = "Deleted tasks the caller can see, most recently deleted first",
			description = "Without `projectId`, of every project the caller is a member of. "
					+ "`sort` is one of deletedAt (default, desc), createdAt, updatedAt, title, dueDate, status, "
					+ "optionally followed by `,asc` or `,desc`.")
	PagedModel<TaskView> trash(@AuthenticationPrincipal TaskFeedPrincipal me,
			@Parameter(example = "1") @RequestParam(required = false) Long projectId,
			@Parameter(description = "0-based page number") @RequestParam(required = false) Integer page,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer size,
			@Parameter(example = "deletedAt,desc") @RequestParam(required = false) String sort) {
		return new PagedModel<>(this.tasks.trash(me.id(), projectId,
				TaskPage.of(page, size, sort, "deletedAt,desc", TaskPage.TRASH_SORTABLE)));
	}

	private static Long assigneeId(TaskFeedPrincipal me, String assignee) {
		if (assignee == null || assignee.isBlank()) {
			return null;
		}
		if (assignee.strip().equalsIgnoreCase("me")) {
			return me.id();
		}
		try {
			return Long.valueOf(assignee.strip());
		}
		catch (NumberFormatException ex) {
			throw DomainException.invalidField("assignee", "must be 'me' or a user id");
		}
	}

	@GetMapping("/{id}")
	@Operation(summary = "One task, with its ETag")
	ResponseEntity<TaskView> get(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		TaskView task = this.tasks.get(me.id(), id);
		return ResponseEntity.ok().eTag(task.etag()).body(task);
	}

	@PatchMapping(path = "/{id}", consumes = { "application/merge-patch+json", "application/json" })
	@Operation(summary = "Change a task (JSON merge-patch)",
			description = "Fields left out stay as they are; "
					+ "`description: null`, `dueDate: null` and `assigneeId: null` clear them; `categoryIds` replaces "
					+ "the whole set; a new `projectId` moves the task (EDITOR in both projects; links to the old "
					+ "project's categories go, an assignee who is not a member of the new one is cleared). "
					+ "With `If-Match`, a stale ETag is refused with 412.")
	ResponseEntity<TaskView> update(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateTaskRequest request) {
		TaskView task = this.tasks.update(me.id(), id, request.toPatch(), ifMatch);
		return ResponseEntity.ok().eTag(task.etag()).body(task);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Move a task to the trash", description = "With `If-Match`, a stale ETag is refused with 412.")
	ResponseEntity<Void> delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.tasks.delete(me.id(), id, ifMatch);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/restore")
	@Operation(summary = "Take a task out of the trash", description = "Restoring a live task changes nothing.")
	ResponseEntity<TaskView> restore(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id) {
		TaskView task = this.tasks.restore(me.id(), id);
		return ResponseEntity.ok().eTag(task.etag()).body(task);
	}

	@PutMapping("/{id}/categories/{categoryId}")
	@Operation(summary = "Put a task in a category (idempotent)")
	ResponseEntity<Void> link(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@PathVariable long categoryId) {
		TaskView task = this.tasks.link(me.id(), id, categoryId);
		return ResponseEntity.noContent().eTag(task.etag()).build();
	}

	@DeleteMapping("/{id}/categories/{categoryId}")
	@Operation(summary = "Take a task out of a category (idempotent)")
	ResponseEntity<Void> unlink(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@PathVariable long categoryId) {
		TaskView task = this.tasks.unlink(me.id(), id, categoryId);
		return ResponseEntity.noContent().eTag(task.etag()).build();
	}

	record CreateTaskRequest(@NotBlank @TextLength(min = 1, max = 200) String title,
			@TextLength(max = 10000) String description, TaskStatus status,
			@Schema(description = DUE_DATE) LocalDate dueDate, @Size(max = 100) List<@NotNull Long> categoryIds,
			Long projectId, Long assigneeId) {
	}

	/**
	 * A JSON merge-patch body: each setter records that its field was sent, so a field
	 * left out (unchanged) can be told from one sent as null (cleared).
	 */
	static final class UpdateTaskRequest {

		private final Set<String> sent = new HashSet<>();

		@TextLength(min = 1, max = 200)
		@Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank")
		private String title;

		@TextLength(max = 10000)
		private String description;

		private TaskStatus status;

		@Schema(description = DUE_DATE + "; null clears it")
		private LocalDate dueDate;

		@Size(max = 100)
		private List<@NotNull Long> categoryIds;

		private Long projectId;

		private Long assigneeId;

		public void setProjectId(Long projectId) {
			this.projectId = projectId;
			this.sent.add("projectId");
		}

		public void setAssigneeId(Long assigneeId) {
			this.assigneeId = assigneeId;
			this.sent.add("assigneeId");
		}

		public Long getProjectId() {
			return this.projectId;
		}

		public Long getAssigneeId() {
			return this.assigneeId;
		}

		public void setTitle(String title) {
			this.title = title;
			this.sent.add("title");
		}

		public void setDescription(String description) {
			this.description = description;
			this.sent.add("description");
		}

		public void setStatus(TaskStatus status) {
			this.status = status;
			this.sent.add("status");
		}

		public void setDueDate(LocalDate dueDate) {
			this.dueDate = dueDate;
			this.sent.add("dueDate");
		}

		public void setCategoryIds(List<Long> categoryIds) {
			this.categoryIds = categoryIds;
			this.sent.add("categoryIds");
		}

		public String getTitle() {
			return this.title;
		}

		public String getDescription() {
			return this.description;
		}

		public TaskStatus getStatus() {
			return this.status;
		}

		public LocalDate getDueDate() {
			return this.dueDate;
		}

		public List<Long> getCategoryIds() {
			return this.categoryIds;
		}

		TaskPatch toPatch() {
			return new TaskPatch(sent("title", this.title), sent("description", this.description),
					sent("status", this.status), sent("dueDate", this.dueDate), sent("categoryIds", this.categoryIds),
					sent("projectId", this.projectId), sent("assigneeId", this.assigneeId));
		}

		private <T> Optional<T> sent(String field, T value) {
			return this.sent.contains(field) ? Optional.ofNullable(value) : null;
		}

	}

}
