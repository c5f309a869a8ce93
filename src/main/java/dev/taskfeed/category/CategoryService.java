package dev.taskfeed.category;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.RetryOnCollision;
import dev.taskfeed.project.Project;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectService;

import jakarta.persistence.EntityManager;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class CategoryService {

	/** The colour a category gets when its creator names none. */
	public static final String DEFAULT_COLOR = "#64748b";

	private final CategoryRepository categories;

	private final ProjectService projects;

	private final EntityManager entityManager;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	CategoryService(CategoryRepository categories, ProjectService projects, EntityManager entityManager, Clock clock,
			ApplicationEventPublisher events) {
		this.categories = categories;
		this.projects = projects;
		this.entityManager = entityManager;
		this.clock = clock;
		this.events = events;
	}

	/** A project's categories, by name; without a project, the caller's personal one. */
	public List<CategoryView> list(long userId, Long projectId) {
		long project = projectOrPersonal(userId, projectId);
		this.projects.roleOf(userId, project);
		return this.categories.findByProjectId(project).stream().map(CategoryView::of).toList();
	}

	public CategoryView get(long userId, long id) {
		return CategoryView.of(findVisible(userId, id).getCategory());
	}

	@Transactional
	public CategoryView create(long userId, Long projectId, String name, String color) {
		long project = projectOrPersonal(userId, projectId);
		this.projects.require(userId, project, ProjectRole.EDITOR);
		String cleanName = name.strip();
		requireUniqueName(project, cleanName, -1);
		Category category = new Category(this.entityManager.getReference(Project.class, project), cleanName,
				(color != null) ? normalizeColor(color) : DEFAULT_COLOR, Instant.now(this.clock));
		return CategoryView.of(saveAndFlush(category));
	}

	/** Changes what is given; a null name or colour stays as it is. */
	@Transactional
	@RetryOnCollision
	public CategoryView update(long userId, long id, String name, String color) {
		Category category = findForChange(userId, id);
		Instant now = Instant.now(this.clock);
		boolean changed = false;
		if (name != null) {
			String cleanName = name.strip();
			requireUniqueName(category.getProjectId(), cleanName, id);
			changed |= !cleanName.equals(category.getName());
			category.rename(cleanName, now);
		}
		if (color != null) {
			String cleanColor = normalizeColor(color);
			changed |= !cleanColor.equals(category.getColor());
			category.recolor(cleanColor, now);
		}
		if (changed) {
			// the tasks it is on show its name and colour:
			// they change with it, in this transaction
			this.events.publishEvent(new CategoryChangedEvent(category.getProjectId(), category.getId(), false));
		}
		return CategoryView.of(saveAndFlush(category));
	}

	/** Deletes the category and its links; the tasks it was on stay. */
	@Transactional
	@RetryOnCollision
	public CategoryView delete(long userId, long id) {
		Category category = findForChange(userId, id);
		CategoryView deleted = CategoryView.of(category);
		// the tasks it is on lose it, each as a change of its own, in this transaction
		this.events.publishEvent(new CategoryChangedEvent(category.getProjectId(), category.getId(), true));
		this.categories.deleteTaskLinks(category.getId());
		this.categories.deleteById(category.getId());
		return deleted;
	}

	/**
	 * The project's categories with these ids, for linking to one of its tasks.
	 * @throws DomainException.InvalidField naming the first id that is unknown or of
	 * another project
	 */
	public List<Category> findForLinking(long projectId, List<Long> ids) {
		List<Category> found = this.categories.findByProjectIdAndIdIn(projectId, ids.toArray(Long[]::new));
		if (found.size() != ids.stream().distinct().count()) {
			Long missing = ids.stream()
				.filter((id) -> found.stream().noneMatch((category) -> category.getId().equals(id)))
				.findFirst()
				.orElseThrow();
			throw DomainException.invalidField("categoryIds",
					"no category with id " + missing + " in the task's project");
		}
		return found;
	}

	/** One of the project's categories; any other is absent for it (404). */
	public Category findInProject(long projectId, long id) {
		return this.categories.findInProject(id, projectId).orElseThrow(() -> DomainException.notFound("category", id));
	}

	private long projectOrPersonal(long userId, Long projectId) {
		return (projectId != null) ? projectId : this.projects.personalProjectId(userId);
	}

	private CategoryRepository.Visible findVisible(long userId, long id) {
		return this.categories.findVisible(id, userId).orElseThrow(() -> DomainException.notFound("category", id));
	}

	private Category findForChange(long userId, long id) {
		CategoryRepository.Visible visible = findVisible(userId, id);
		ProjectService.requireRole(visible.getRole(), ProjectRole.EDITOR);
		return visible.getCategory();
	}

	private void requireUniqueName(long projectId, String name, long exceptId) {
		if (this.categories.existsByProjectIdAndName(projectId, name, exceptId)) {
			throw nameTaken(name);
		}
	}

	private Category saveAndFlush(Category category) {
		try {
			return this.categories.saveAndFlush(category);
		}
		catch (DataIntegrityViolationException ex) {
			throw nameTaken(category.getName());
		}
	}

	private static DomainException nameTaken(String name) {
		return DomainException.conflict("This project already has a category named '" + name + "'.");
	}

	private static String normalizeColor(String color) {
		return color.toLowerCase(Locale.ROOT);
	}

}
