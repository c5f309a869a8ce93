package dev.taskfeed.category;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.taskfeed.common.DomainException;
import dev.taskfeed.common.RetryOnCollision;
import dev.taskfeed.user.UserRepository;

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

	private final UserRepository users;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	CategoryService(CategoryRepository categories, UserRepository users, Clock clock,
			ApplicationEventPublisher events) {
		this.categories = categories;
		this.users = users;
		this.clock = clock;
		this.events = events;
	}

	public List<CategoryView> list(long ownerId) {
		return this.categories.findByOwnerId(ownerId).stream().map(CategoryView::of).toList();
	}

	public CategoryView get(long ownerId, long id) {
		return CategoryView.of(find(ownerId, id));
	}

	@Transactional
	public CategoryView create(long ownerId, String name, String color) {
		String cleanName = name.strip();
		requireUniqueName(ownerId, cleanName, -1);
		Category category = new Category(this.users.getReferenceById(ownerId), cleanName,
				(color != null) ? normalizeColor(color) : DEFAULT_COLOR, Instant.now(this.clock));
		return CategoryView.of(saveAndFlush(category));
	}

	/** Changes what is given; a null name or colour stays as it is. */
	@Transactional
	@RetryOnCollision
	public CategoryView update(long ownerId, long id, String name, String color) {
		Category category = find(ownerId, id);
		Instant now = Instant.now(this.clock);
		boolean changed = false;
		if (name != null) {
			String cleanName = name.strip();
			requireUniqueName(ownerId, cleanName, id);
			changed |= !cleanName.equals(category.getName());
			category.rename(cleanName, now);
		}
		if (color != null) {
			String cleanColor = normalizeColor(color);
			changed |= !cleanColor.equals(category.getColor());
			category.recolor(cleanColor, now);
		}
		if (changed) {
			// the tasks it is on show its name and colour: they change with it, in this
			// transaction
			this.events.publishEvent(new CategoryChangedEvent(ownerId, category.getId(), false));
		}
		return CategoryView.of(saveAndFlush(category));
	}

	/** Deletes the category and its links; the tasks it was on stay. */
	@Transactional
	@RetryOnCollision
	public CategoryView delete(long ownerId, long id) {
		Category category = find(ownerId, id);
		CategoryView deleted = CategoryView.of(category);
		// the tasks it is on lose it, each as a change of its own, in this transaction
		this.events.publishEvent(new CategoryChangedEvent(ownerId, category.getId(), true));
		this.categories.deleteTaskLinks(category.getId());
		this.categories.deleteById(category.getId());
		return deleted;
	}

	/**
	 * The caller's categories with these ids, for linking to a task.
	 * @throws DomainException.InvalidField naming the first id that is unknown or someone
	 * else's
	 */
	public List<Category> findOwnedForLinking(long ownerId, List<Long> ids) {
		List<Category> found = this.categories.findByOwnerIdAndIdIn(ownerId, ids.toArray(Long[]::new));
		if (found.size() != ids.stream().distinct().count()) {
			Long missing = ids.stream()
				.filter((id) -> found.stream().noneMatch((category) -> category.getId().equals(id)))
				.findFirst()
				.orElseThrow();
			throw DomainException.invalidField("categoryIds", "no category with id " + missing);
		}
		return found;
	}

	public Category findOwned(long ownerId, long id) {
		return find(ownerId, id);
	}

	private Category find(long ownerId, long id) {
		return this.categories.findByIdAndOwnerId(id, ownerId)
			.orElseThrow(() -> DomainException.notFound("category", id));
	}

	private void requireUniqueName(long ownerId, String name, long exceptId) {
		if (this.categories.existsByOwnerIdAndName(ownerId, name, exceptId)) {
			throw DomainException.conflict("You already have a category named '" + name + "'.");
		}
	}

	private Category saveAndFlush(Category category) {
		try {
			return this.categories.saveAndFlush(category);
		}
		catch (DataIntegrityViolationException ex) {
			throw DomainException.conflict("You already have a category named '" + category.getName() + "'.");
		}
	}

	private static String normalizeColor(String color) {
		return color.toLowerCase(Locale.ROOT);
	}

}
