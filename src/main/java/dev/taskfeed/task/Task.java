package dev.taskfeed.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.taskfeed.category.Category;
import dev.taskfeed.project.Project;
import dev.taskfeed.user.User;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

@Entity
@Table(name = "tasks")
@EntityListeners(TaskChangeListener.class)
public class Task {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	/** Who created it ({@code createdBy}); the project decides who sees it. */
	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "owner_id", updatable = false)
	private User owner;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "project_id")
	private Project project;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "assignee_id")
	private User assignee;

	@Column(nullable = false, length = 200)
	private String title;

	@Column(length = 10000)
	private String description;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private TaskStatus status;

	@Column(name = "due_date")
	private LocalDate dueDate;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	@Version
	@Column(nullable = false)
	private long version;

	/** Kept by the comments (in their transaction); never written from here. */
	@Column(name = "comment_count", insertable = false, updatable = false)
	private int commentCount;

	@OneToMany(mappedBy = "task", cascade = CascadeType.ALL, orphanRemoval = true)
	private Set<TaskCategory> categories = new LinkedHashSet<>();

	/** What the live feed should call the change this entity is about to flush. */
	@Transient
	private TaskChange pendingChange = TaskChange.UPDATED;

	/** The project it was in before a move, until the move is announced. */
	@Transient
	private Long movedFromProjectId;

	protected Task() {
	}

	Task(User owner, Project project, String title, String description, TaskStatus status, LocalDate dueDate,
			Instant now) {
		this.owner = owner;
		this.project = project;
		this.title = title;
		this.description = description;
		this.status = status;
		this.dueDate = DueDates.check("dueDate", dueDate);
		this.createdAt = now;
		this.updatedAt = now;
		this.pendingChange = TaskChange.CREATED;
	}

	void setTitle(String title) {
		this.title = title;
	}

	void setDescription(String description) {
		this.description = description;
	}

	void setStatus(TaskStatus status) {
		this.status = status;
	}

	void setDueDate(LocalDate dueDate) {
		this.dueDate = DueDates.check("dueDate", dueDate);
	}

	/**
	 * Replaces the category set with these, keeping the links (and their dates) that
	 * stay.
	 */
	boolean replaceCategories(Collection<Category> wanted, Instant now) {
		boolean changed = this.categories
			.removeIf((link) -> wanted.stream().noneMatch((c) -> c.getId().equals(link.categoryId())));
		for (Category category : wanted) {
			changed |= link(category, now);
		}
		return changed;
	}

	boolean link(Category category, Instant now) {
		boolean present = this.categories.stream().anyMatch((link) -> link.categoryId().equals(category.getId()));
		return !present && this.categories.add(new TaskCategory(this, category, now));
	}

	boolean unlink(long categoryId) {
		return this.categories.removeIf((link) -> link.categoryId().equals(categoryId));
	}

	boolean assign(User assignee) {
		Long before = (this.assignee != null) ? this.assignee.getId() : null;
		Long after = (assignee != null) ? assignee.getId() : null;
		this.assignee = assignee;
		return !java.util.Objects.equals(before, after);
	}

	/** Moves it to another project: links to the old project's categories go. */
	void moveTo(Project project) {
		this.movedFromProjectId = this.project.getId();
		this.project = project;
		this.categories.clear();
	}

	/**
	 * Marks a change: bumps the version and {@code updated_at} even when only links
	 * changed.
	 */
	void touch(Instant now) {
		this.updatedAt = now;
		this.pendingChange = (this.movedFromProjectId != null) ? TaskChange.MOVED : TaskChange.UPDATED;
	}

	void delete(Instant now) {
		this.deletedAt = now;
		this.updatedAt = now;
		this.pendingChange = TaskChange.DELETED;
	}

	void restore(Instant now) {
		this.deletedAt = null;
		this.updatedAt = now;
		this.pendingChange = TaskChange.RESTORED;
	}

	public TaskChange takePendingChange() {
		TaskChange change = this.pendingChange;
		this.pendingChange = TaskChange.UPDATED;
		return change;
	}

	/** The project a move took it from, once: the next change is not a move. */
	public Long takeMovedFromProjectId() {
		Long from = this.movedFromProjectId;
		this.movedFromProjectId = null;
		return from;
	}

	public int getCommentCount() {
		return this.commentCount;
	}

	public Project getProject() {
		return this.project;
	}

	public User getAssignee() {
		return this.assignee;
	}

	public Long getId() {
		return this.id;
	}

	public User getOwner() {
		return this.owner;
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

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public Instant getDeletedAt() {
		return this.deletedAt;
	}

	public boolean isDeleted() {
		return this.deletedAt != null;
	}

	public long getVersion() {
		return this.version;
	}

	public Set<TaskCategory> getCategories() {
		return this.categories;
	}

}
